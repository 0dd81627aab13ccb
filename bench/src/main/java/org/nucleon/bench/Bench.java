package org.nucleon.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the selected scenarios on every endpoint. For each scenario the endpoints take turns at each concurrency
 * level, so both see the same machine conditions, and the ratios compare like with like.
 */
final class Bench {
    private static final int WARMUP_ROUND = 20;
    private final Settings settings;
    private final PrintStream log;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Report.Status> statuses = new ArrayList<>();
    private final List<Report.OpStats> results = Collections.synchronizedList(new ArrayList<>());

    Bench(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
        settings.endpoints().forEach((name, url) -> endpoints.add(
                new Endpoint(name, url, settings.pids().get(name), settings.token(), settings.timeout())));
    }

    Report run() throws InterruptedException {
        for (Endpoint ep : endpoints) {
            liftQuotas(ep);
            warmUp(ep);
        }
        for (Scenarios.Def def : Scenarios.select(settings)) {
            runScenario(def);
        }
        return new Report(settings.runId(), settings.endpoints(), settings.concurrency(), settings.count(),
                settings.listCount(), statuses, new ArrayList<>(results),
                Report.ratios(new ArrayList<>(settings.endpoints().keySet()), results));
    }

    private void runScenario(Scenarios.Def def) throws InterruptedException {
        Map<Session, Scenario> live = new LinkedHashMap<>();
        Map<Session, String> failures = new LinkedHashMap<>();
        for (Endpoint ep : endpoints) {
            Scenario scenario = def.factory().get();
            String missing = unsupported(ep, scenario.needs());
            if (missing != null) {
                String status = missing.startsWith("404") ? "unsupported" : "failed";
                log.printf("%s on %s: %s (%s)%n", def.name(), ep.name, status, missing);
                statuses.add(new Report.Status(def.name(), ep.name, status, missing));
                continue;
            }
            Session s = new Session(ep, settings, def.name(), results);
            live.put(s, scenario);
            log.printf("%s on %s: preparing%n", def.name(), ep.name);
            attempt(s, failures, () -> scenario.prepare(s));
        }
        for (int c : settings.concurrency()) {
            for (Map.Entry<Session, Scenario> e : live.entrySet()) {
                Session s = e.getKey();
                if (!failures.containsKey(s)) {
                    log.printf("%s on %s: concurrency %d%n", def.name(), s.ep.name, c);
                    attempt(s, failures, () -> e.getValue().run(s, c));
                }
            }
        }
        for (Session s : live.keySet()) {
            int left = s.cleanUp(live.get(s).needs());
            String detail = failures.getOrDefault(s, "");
            if (left > 0) {
                detail += (detail.isEmpty() ? "" : "; ") + "cleanup failed for " + left + " resource(s)";
                log.printf("%s on %s: %d resource(s) named %s-* left behind%n", def.name(), s.ep.name, left,
                        settings.runId());
            }
            statuses.add(new Report.Status(def.name(), s.ep.name, failures.containsKey(s) ? "failed" : "ok", detail));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** A scenario that breaks on one endpoint is reported as failed there; the run goes on. */
    private void attempt(Session s, Map<Session, String> failures, Step step) throws InterruptedException {
        try {
            step.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String why = e instanceof Session.SetupFailed ? e.getMessage() : e.toString();
            failures.put(s, why);
            log.println("  failed on " + s.ep.name + ": " + why);
        }
    }

    /**
     * A server in service has run its request paths many times, and a JIT-compiled one (Nucleon) is several times
     * faster so than fresh; an interpreted one (Neutron) is not. So each endpoint first runs unrecorded rounds of
     * the networks and ports scenarios (create, show, update, list, delete; {@value #WARMUP_ROUND} requests each)
     * for {@code --warmup} seconds, at least one round, and removes what they made.
     */
    private void warmUp(Endpoint ep) throws InterruptedException {
        Settings round = settings.withCount(WARMUP_ROUND);
        long deadline = System.nanoTime() + settings.warmup().toNanos();
        Map<Session, Scenario> warming = new LinkedHashMap<>();
        Map<Session, String> failures = new LinkedHashMap<>();
        for (Scenarios.Def def : Scenarios.all(round)) {
            if (def.name().equals("networks") || def.name().equals("ports")) {
                Session s = new Session(ep, round, "warmup", new ArrayList<>());
                Scenario scenario = def.factory().get();
                warming.put(s, scenario);
                attempt(s, failures, () -> scenario.prepare(s));
            }
        }
        do {
            for (Map.Entry<Session, Scenario> e : warming.entrySet()) {
                if (!failures.containsKey(e.getKey())) {
                    attempt(e.getKey(), failures, () -> e.getValue().run(e.getKey(), 1));
                }
            }
        } while (System.nanoTime() < deadline && failures.size() < warming.size());
        for (Map.Entry<Session, Scenario> e : warming.entrySet()) {
            e.getKey().cleanUp(e.getValue().needs());
        }
        log.printf("warmed up %s for %d s%n", ep.name, settings.warmup().toSeconds());
    }

    /**
     * Neutron's default quotas (500 ports per project, ...) would stop a scenario half way, so the benchmark project's
     * become unlimited wherever quotas are served; a 404 means the endpoint has no quotas to lift.
     */
    private void liftQuotas(Endpoint ep) throws InterruptedException {
        Map<String, Object> unlimited = new LinkedHashMap<>();
        for (String resource : List.of("network", "subnet", "port", "router", "floatingip", "security_group",
                "security_group_rule")) {
            unlimited.put(resource, -1);
        }
        try {
            Reply reply = ep.send(Request.put("/v2.0/quotas/" + settings.project(), Map.of("quota", unlimited)));
            if (!reply.ok() && reply.status() != 404) {
                log.println("warning: quotas of " + settings.project() + " on " + ep.name + " not lifted: "
                        + reply.describe());
            }
        } catch (java.io.IOException e) {
            log.println("warning: quotas of " + settings.project() + " on " + ep.name + " not lifted: " + e);
        }
    }

    /** Why the endpoint cannot run the scenario (a 404 on a needed collection, or no answer), or null. */
    private String unsupported(Endpoint ep, List<Kind> needs) throws InterruptedException {
        for (Kind k : needs) {
            try {
                if (ep.send(Request.get(k.path() + "?limit=1")).status() == 404) {
                    return "404 on " + k.path();
                }
            } catch (java.io.IOException e) {
                return "unreachable: " + e;
            }
        }
        return null;
    }
}
