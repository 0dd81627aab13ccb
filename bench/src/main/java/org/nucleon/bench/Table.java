package org.nucleon.bench;

import java.util.Locale;

/** The plain-text report for stdout. */
final class Table {
    private static final String ROW = "%-18s %-18s %3s %-10s %6s %5s %9s %9s %9s %9s %9s %6s %7s%n";
    private static final String RATIO = "%-18s %-18s %3s %-22s %11s %9s %s%n";

    private Table() {
    }

    static String render(Report r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "scenario", "op", "c", "endpoint", "ok", "err", "ops/s",
                "p50 ms", "p95 ms", "p99 ms", "max ms", "cpu%", "rss MB"));
        for (Report.OpStats o : r.results()) {
            out.append(String.format(Locale.ROOT, ROW, o.scenario(), o.op(), o.concurrency(), o.endpoint(), o.ok(),
                    o.errors(), num(o.opsPerSecond()), num(o.p50()), num(o.p95()), num(o.p99()), num(o.max()),
                    o.cpuPercent() == null ? "-" : num(o.cpuPercent()), o.rssMb() == null ? "-" : num(o.rssMb())));
        }
        if (!r.ratios().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nratios (ops/s above 1: first endpoint faster; "
                    + "p99 below 1: first endpoint faster)%n"));
            out.append(String.format(Locale.ROOT, RATIO, "scenario", "op", "c", "pair", "ops/s ratio", "p99 ratio", ""));
            for (Report.Ratio x : r.ratios()) {
                out.append(String.format(Locale.ROOT, RATIO, x.scenario(), x.op(), x.concurrency(),
                        x.endpoint() + "/" + x.baseline(), ratio(x.throughputRatio()), ratio(x.p99Ratio()),
                        x.withErrors() ? "(errors: successes only)" : ""));
            }
        }
        r.results().stream().filter(o -> o.firstError() != null).forEach(o -> out.append(String.format(
                Locale.ROOT, "%nfirst error of %s on %s: %s", o.key(), o.endpoint(), o.firstError())));
        r.scenarios().stream().filter(s -> !s.status().equals("ok") || !s.detail().isEmpty())
                .forEach(s -> out.append(String.format(Locale.ROOT, "%n%s on %s: %s %s", s.scenario(), s.endpoint(),
                        s.status(), s.detail())));
        return out.append(System.lineSeparator()).toString();
    }

    /** Three significant digits are all a benchmark on a shared machine can claim. */
    static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ratio(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
