package org.nucleon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;

/** One scenario on one endpoint: creates, measures and records through {@link Load}, and remembers what to clean. */
final class Session {
    final Endpoint ep;
    final Settings settings;
    private final String scenario;
    private final List<Report.OpStats> sink;
    private final Cleanup cleanup = new Cleanup();
    private final AtomicInteger seq = new AtomicInteger();

    /** Thrown when unmeasured setup fails: the scenario cannot go on on this endpoint. */
    static final class SetupFailed extends Exception {
        SetupFailed(String message) {
            super(message);
        }
    }

    Session(Endpoint ep, Settings settings, String scenario, List<Report.OpStats> sink) {
        this.ep = ep;
        this.settings = settings;
        this.scenario = scenario;
        this.sink = sink;
    }

    /** A distinctive name, so a shared server's other users can tell (and clean) what a run left. */
    String name(String kind) {
        return settings.runId() + "-" + kind + "-" + seq.incrementAndGet();
    }

    /** A number unique within this session, e.g. to give each subnet its own CIDR. */
    int nextIndex() {
        return seq.incrementAndGet();
    }

    /** A measured phase of {@code count} requests; its statistics go into the report. */
    Load.Outcome measure(String op, int concurrency, int count, IntFunction<Request> request,
                         ObjIntConsumer<Reply> onOk) throws InterruptedException {
        return measure(op, concurrency, count, Duration.ZERO, request, onOk);
    }

    /**
     * A measured phase of read-only requests: {@code count} of them, and more until it has run {@code
     * --read-seconds}. A fast server's few hundred shows last a fraction of a second, in which one young collection
     * or one burst of JIT compiling decides the rate and the p99; the reference's take that long anyway. With
     * {@code --read-warmup}, the same requests go unrecorded for that long first: a JIT-compiled server reaches its
     * steady rate on a path only after running it many times.
     */
    Load.Outcome measureReads(String op, int concurrency, int count, IntFunction<Request> request)
            throws InterruptedException {
        if (!settings.readWarmup().isZero()) {
            Load.run(ep, concurrency, 1, settings.readWarmup(), settings.phaseLimit(), request, (reply, i) -> { });
        }
        return measure(op, concurrency, count, settings.readPhaseMin(), request, (reply, i) -> { });
    }

    private Load.Outcome measure(String op, int concurrency, int count, Duration minimum,
                                 IntFunction<Request> request, ObjIntConsumer<Reply> onOk) throws InterruptedException {
        ProcStats.Sample before = ProcStats.sample(ep.pid);
        Load.Outcome o = Load.run(ep, concurrency, count, minimum, settings.phaseLimit(), request, onOk);
        ProcStats.Sample after = ProcStats.sample(ep.pid);
        double seconds = o.wallNanos() / 1e9;
        long[] l = o.latencies();
        sink.add(new Report.OpStats(scenario, op, concurrency, ep.name, o.ok(), o.errors(), seconds,
                o.ok() / seconds, Load.percentileMs(l, .50), Load.percentileMs(l, .95), Load.percentileMs(l, .99),
                Load.percentileMs(l, 1), before == null || after == null ? null
                : 100 * (after.cpuSeconds() - before.cpuSeconds()) / seconds,
                after == null ? null : after.rssMb(), o.firstError()));
        return o;
    }

    Load.Outcome measure(String op, int concurrency, int count, IntFunction<Request> request)
            throws InterruptedException {
        return measure(op, concurrency, count, request, (reply, i) -> { });
    }

    /**
     * Creates {@code count} resources, measured as {@code op}, or as unmeasured setup when op is null (then any
     * failure aborts the scenario). Returns the ids created, in request order.
     */
    String[] create(String op, int concurrency, int count, Kind kind, IntFunction<Map<String, Object>> fields)
            throws InterruptedException, SetupFailed {
        String[] ids = new String[count];
        ObjIntConsumer<Reply> remember = (reply, i) -> {
            ids[i] = reply.json().path(kind.resource()).path("id").asText();
            track(kind, ids[i]);
        };
        IntFunction<Request> post = i -> Request.post(kind.path(), Map.of(kind.resource(), fields.apply(i)));
        if (op != null) {
            measure(op, concurrency, count, post, remember);
        } else {
            check(Load.runAll(ep, concurrency, count, setupLimit(), post, remember), count);
        }
        return Arrays.stream(ids).filter(Objects::nonNull).toArray(String[]::new);
    }

    /** Unmeasured creation of one resource; returns its id. */
    String setup(Kind kind, Map<String, Object> fields) throws InterruptedException, SetupFailed {
        return create(null, 1, 1, kind, i -> fields)[0];
    }

    /** Unmeasured requests that must all succeed; {@code onOk} may register their undo with {@link #undo}. */
    void setupCalls(int concurrency, int count, IntFunction<Request> request, ObjIntConsumer<Reply> onOk)
            throws InterruptedException, SetupFailed {
        check(Load.runAll(ep, concurrency, count, setupLimit(), request, onOk), count);
    }

    /** Measured deletion of the given resources. */
    void delete(String op, int concurrency, Kind kind, String[] ids) throws InterruptedException {
        measure(op, concurrency, ids.length, i -> Request.delete(kind.path(ids[i])),
                (reply, i) -> cleanup.done(kind.path(ids[i])));
    }

    /** Registers a resource created some other way (e.g. in bulk) for cleanup. */
    void track(Kind kind, String id) {
        cleanup.add(kind.tier(), kind.path(id), Request.delete(kind.path(id)));
    }

    /** Registers how to undo something that is not a plain resource (e.g. a router interface). */
    void undo(int tier, String key, Request request) {
        cleanup.add(tier, key, request);
    }

    void undone(String key) {
        cleanup.done(key);
    }

    static Request addInterface(String router, String subnet) {
        return Request.put(Kind.ROUTER.path(router) + "/add_router_interface", Map.of("subnet_id", subnet));
    }

    static Request removeInterface(String router, String subnet) {
        return Request.put(Kind.ROUTER.path(router) + "/remove_router_interface", Map.of("subnet_id", subnet));
    }

    /** An added interface stays registered for cleanup until its removal succeeds. */
    void attached(String router, String subnet) {
        cleanup.add(Kind.DETACH, router + "|" + subnet, removeInterface(router, subnet));
    }

    void detached(String router, String subnet) {
        cleanup.done(router + "|" + subnet);
    }

    /**
     * Removes everything registered, and first registers whatever else in the given collections is named (or
     * described) after this run, with its router interfaces: a server may create and still answer 500 (the
     * reference on SQLite does, "database is locked"). Returns how many removals failed.
     */
    int cleanUp(List<Kind> kinds) throws InterruptedException {
        int left = 0;
        for (Kind k : kinds) {
            try {
                for (JsonNode item : ours(k.path() + "?fields=id&fields=name&fields=description", k.collection())) {
                    track(k, item.path("id").asText());
                    if (k.equals(Kind.ROUTER)) {
                        String ports = Kind.PORT.path() + "?device_owner=network:router_interface&device_id="
                                + item.path("id").asText();
                        for (JsonNode port : list(ports, Kind.PORT.collection())) {
                            port.path("fixed_ips").forEach(ip -> attached(item.path("id").asText(),
                                    ip.path("subnet_id").asText()));
                        }
                    }
                }
            } catch (IOException e) {
                left++;
            }
        }
        return left + cleanup.run(ep, settings.setupConcurrency(), setupLimit());
    }

    private List<JsonNode> ours(String path, String collection) throws IOException, InterruptedException {
        String prefix = settings.runId() + "-";
        return list(path, collection).stream().filter(item -> item.path("name").asText().startsWith(prefix)
                || item.path("description").asText().startsWith(prefix)).toList();
    }

    private List<JsonNode> list(String path, String collection) throws IOException, InterruptedException {
        Reply reply = ep.send(Request.get(path));
        List<JsonNode> items = new ArrayList<>();
        if (reply.ok()) {
            reply.json().path(collection).forEach(items::add);
        }
        return items;
    }

    /** Setup and cleanup must finish for the numbers to mean anything, so they get ten phases' time. */
    private Duration setupLimit() {
        return settings.phaseLimit().multipliedBy(10);
    }

    private static void check(Load.Outcome o, int expected) throws SetupFailed {
        if (o.ok() < expected) {
            throw new SetupFailed((expected - o.ok()) + " of " + expected + " setup request(s) failed or timed out"
                    + (o.firstError() == null ? "" : ", first: " + o.firstError()));
        }
    }
}
