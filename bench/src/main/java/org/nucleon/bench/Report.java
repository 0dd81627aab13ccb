package org.nucleon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything a run measured; written as JSON as is. Latencies in milliseconds. */
record Report(String runId, Map<String, String> endpoints, List<Integer> concurrency, int count, int listCount,
              List<Status> scenarios, List<OpStats> results, List<Ratio> ratios) {

    /** A scenario on one endpoint: "ok", "unsupported" (404 on a collection it needs) or "failed". */
    record Status(String scenario, String endpoint, String status, String detail) {
    }

    /** One operation of one scenario on one endpoint at one concurrency. cpuPercent/rssMb are null without --pid. */
    record OpStats(String scenario, String op, int concurrency, String endpoint, int ok, int errors, double seconds,
                   double opsPerSecond, double p50, double p95, double p99, double max, Double cpuPercent,
                   Double rssMb, String firstError) {

        String key() {
            return scenario + " " + op + " c=" + concurrency;
        }
    }

    /**
     * First endpoint against another: above 1 means the first is faster (throughput) or slower (p99). Ratios
     * over errors compare successes only, so they are flagged.
     */
    record Ratio(String scenario, String op, int concurrency, String endpoint, String baseline,
                 Double throughputRatio, Double p99Ratio, boolean withErrors) {
    }

    static List<Ratio> ratios(List<String> endpoints, List<OpStats> results) {
        List<Ratio> out = new ArrayList<>();
        String first = endpoints.get(0);
        for (OpStats a : results) {
            if (!a.endpoint().equals(first)) {
                continue;
            }
            for (OpStats b : results) {
                if (!b.endpoint().equals(first) && b.key().equals(a.key())) {
                    out.add(new Ratio(a.scenario(), a.op(), a.concurrency(), first, b.endpoint(),
                            divide(a.opsPerSecond(), b.opsPerSecond()), divide(a.p99(), b.p99()),
                            a.errors() + b.errors() > 0));
                }
            }
        }
        return out;
    }

    /** Null when either side measured nothing, rather than a meaningless 0 or infinity. */
    private static Double divide(double a, double b) {
        return a > 0 && b > 0 ? a / b : null;
    }
}
