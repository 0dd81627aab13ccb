package org.nucleon.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line settings. Every bound has a default so a bare run stays small. */
record Settings(Map<String, String> endpoints, Map<String, Integer> pids, String token, List<Integer> concurrency,
                int count, int listCount, Duration readPhaseMin, Duration readWarmup, Duration phaseLimit,
                Duration timeout, List<String> scenarios, List<Integer> portSizes, int pageSize, Duration warmup,
                int setupConcurrency, Path out, String runId, String project) {

    static final String USAGE = """
            usage: java -jar nucleon-bench.jar [options] NAME=URL [NAME=URL]
              NAME=URL               an endpoint, e.g. nucleon=http://127.0.0.1:9696 reference=http://127.0.0.1:19696;
                                     ratios compare the first with each other one
              --pid NAME=PID         sample CPU and RSS of that server (and its child processes) from /proc
              --token TOKEN          send X-Auth-Token (default: none, for noauth servers)
              --concurrency 1,8,32   closed-loop clients per phase (default 1,8)
              --count N              requests per measured operation (default 100, at most 1000000)
              --list-count N         requests per unfiltered "list everything" operation (default 20)
              --read-seconds SECONDS a read-only operation (show, list) goes on past its count until it has run
                                     this long (default 5; 0: exactly the count)
              --read-warmup SECONDS  before each read-only operation, the same requests unrecorded for this long
                                     (default 0)
              --duration SECONDS     time bound of each operation phase (default 60)
              --timeout SECONDS      per-request timeout (default 60)
              --scenarios a,b        default all: %s
              --port-sizes 1000,...  ports prepared for port-list (default 1000; 10000 and 100000 are opt-in)
              --page-size N          limit of the paged port listing (default 100)
              --project ID           the project the servers put the resources in, whose quotas the run lifts
                                     (default fake_project_id: Neutron's noauth project)
              --warmup SECONDS       unmeasured rounds of the networks and ports scenarios per endpoint first,
                                     for at least one round (default 120)
              --setup-concurrency N  clients for bulk setup and cleanup, failures retried one by one (default 4)
              --out DIR              where bench-report.json and bench-report.svg go (default bench-out)
              --run-id ID            prefix of every created resource's name (default bench-<time>)
            """;

    static Settings parse(String... args) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        Map<String, Integer> pids = new LinkedHashMap<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                putPair(endpoints, a, v -> v);
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            } else if (a.equals("--pid")) {
                putPair(pids, args[++i], Integer::parseInt);
            } else if (a.equals("--endpoint")) {
                putPair(endpoints, args[++i], v -> v);
            } else {
                opts.put(a.substring(2), args[++i]);
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoint given");
        }
        if (!endpoints.keySet().containsAll(pids.keySet())) {
            throw new IllegalArgumentException("--pid names an unknown endpoint: " + pids.keySet());
        }
        Settings s = new Settings(endpoints, pids, opts.remove("token"),
                ints(opts.getOrDefault("concurrency", "1,8")),
                bounded(opts, "count", 100, 1_000_000), bounded(opts, "list-count", 20, 1_000_000),
                Duration.ofSeconds(bounded(opts, "read-seconds", 5, 0, 3600)),
                Duration.ofSeconds(bounded(opts, "read-warmup", 0, 0, 3600)),
                Duration.ofSeconds(bounded(opts, "duration", 60, 86_400)),
                Duration.ofSeconds(bounded(opts, "timeout", 60, 3600)),
                List.of(opts.getOrDefault("scenarios", "all").split(",")),
                ints(opts.getOrDefault("port-sizes", "1000")), bounded(opts, "page-size", 100, 100_000),
                Duration.ofSeconds(bounded(opts, "warmup", 120, 3600)), bounded(opts, "setup-concurrency", 4, 64),
                Path.of(opts.getOrDefault("out", "bench-out")),
                opts.getOrDefault("run-id", "bench-" + Long.toString(System.currentTimeMillis() / 1000, 36)),
                opts.getOrDefault("project", "fake_project_id"));
        for (String known : List.of("concurrency", "count", "list-count", "read-seconds", "read-warmup", "duration",
                "timeout", "scenarios", "port-sizes", "page-size", "project", "warmup", "setup-concurrency", "out",
                "run-id")) {
            opts.remove(known);
        }
        if (!opts.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + opts.keySet());
        }
        if (s.concurrency.stream().anyMatch(c -> c < 1 || c > 256)) {
            throw new IllegalArgumentException("concurrency must be within 1..256");
        }
        return s;
    }

    /** The same settings with another request count per operation, and reads held to it, without a read warm-up. */
    Settings withCount(int n) {
        return new Settings(endpoints, pids, token, concurrency, n, Math.min(n, listCount), Duration.ZERO, Duration.ZERO,
                phaseLimit, timeout, scenarios, portSizes, pageSize, warmup, setupConcurrency, out, runId, project);
    }

    private static <T> void putPair(Map<String, T> into, String pair, java.util.function.Function<String, T> value) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=VALUE, got " + pair);
        }
        into.put(pair.substring(0, eq), value.apply(pair.substring(eq + 1)));
    }

    private static int bounded(Map<String, String> opts, String key, int dflt, int max) {
        return bounded(opts, key, dflt, 1, max);
    }

    private static int bounded(Map<String, String> opts, String key, int dflt, int min, int max) {
        int v = opts.containsKey(key) ? Integer.parseInt(opts.get(key)) : dflt;
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + key + " must be within " + min + ".." + max);
        }
        return v;
    }

    private static List<Integer> ints(String csv) {
        return new ArrayList<>(Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList());
    }
}
