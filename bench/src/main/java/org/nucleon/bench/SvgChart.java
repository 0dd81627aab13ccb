package org.nucleon.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency percentiles per scenario operation, the endpoints' bars side by side: each bar is dark to p50, lighter to
 * p95, lightest to p99, with a tick at max. Logarithmic axis, since a show and a 10k-port listing differ by orders of
 * magnitude.
 */
final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int LABEL = 300;
    private static final int PLOT = 560;
    private static final int BAR = 11;
    private static final int GAP = 9;
    private static final int TOP = 50;

    private SvgChart() {
    }

    static String render(Report r) {
        List<String> endpoints = new ArrayList<>(r.endpoints().keySet());
        Map<String, List<Report.OpStats>> groups = new LinkedHashMap<>();
        r.results().stream().filter(o -> o.ok() > 0)
                .forEach(o -> groups.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o));
        double lo = r.results().stream().filter(o -> o.ok() > 0).mapToDouble(Report.OpStats::p50).min().orElse(1);
        double hi = r.results().stream().mapToDouble(Report.OpStats::max).max().orElse(10);
        int minExp = (int) Math.floor(Math.log10(Math.max(lo, 1e-3)));
        int maxExp = Math.max(minExp + 1, (int) Math.ceil(Math.log10(Math.max(hi, 1e-3))));
        int height = TOP + groups.size() * (endpoints.size() * BAR + GAP) + 30;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"10\" y=\"16\" font-size=\"13\">%s: latency ms (log scale), bar to p50 / p95 / "
                        + "p99, tick at max</text>%n", LABEL + PLOT + 40, height, esc(r.runId())));
        for (int e = 0; e < endpoints.size(); e++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"24\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"33\">%s</text>%n", 10 + e * 140, color(e), 24 + e * 140,
                    esc(endpoints.get(e))));
        }
        for (int x = minExp; x <= maxExp; x++) {
            double px = LABEL + PLOT * (x - minExp) / (double) (maxExp - minExp);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP - 6, px, height - 24,
                    px, height - 10, Table.num(Math.pow(10, x))));
        }
        int y = TOP;
        for (Map.Entry<String, List<Report.OpStats>> g : groups.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL - 6, y + endpoints.size() * BAR / 2 + 4, esc(g.getKey())));
            for (Report.OpStats o : g.getValue()) {
                int row = y + endpoints.indexOf(o.endpoint()) * BAR;
                String c = color(endpoints.indexOf(o.endpoint()));
                double[] marks = {o.p99(), o.p95(), o.p50()};
                double[] opacity = {0.3, 0.6, 1.0};
                for (int m = 0; m < marks.length; m++) {
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                            + "fill=\"%s\" fill-opacity=\"%.1f\"/>%n", LABEL, row, scale(marks[m], minExp, maxExp)
                            - LABEL, BAR - 2, c, opacity[m]));
                }
                double mx = scale(o.max(), minExp, maxExp);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"%s\"/>%n", mx, row, mx, row + BAR - 2, c));
            }
            y += endpoints.size() * BAR + GAP;
        }
        return svg.append("</svg>\n").toString();
    }

    private static double scale(double ms, int minExp, int maxExp) {
        double f = (Math.log10(Math.max(ms, Math.pow(10, minExp))) - minExp) / (maxExp - minExp);
        return LABEL + PLOT * Math.min(1, f);
    }

    private static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
