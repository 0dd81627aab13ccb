package org.nucleon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The one timing core every scenario, setup and cleanup goes through: {@code concurrency} closed-loop clients share a
 * counter of {@code count} requests (reads: and go on until a minimum time has passed) and stop early at the time
 * limit, so every phase is bounded in time.
 */
final class Load {

    /** What a phase did: latencies of the successful requests (sorted, nanoseconds), errors, wall time. */
    record Outcome(long[] latencies, int errors, long wallNanos, String firstError) {
        int ok() {
            return latencies.length;
        }
    }

    private Load() {
    }

    /**
     * Runs request {@code i} for i in [0, count) on {@code concurrency} threads, and on past count while the phase
     * is younger than {@code minimum} (only for requests that may be repeated: i grows without bound). Only the HTTP
     * exchange is timed; {@code onOk} sees each 2xx reply (with its index) after the clock stops.
     */
    static Outcome run(Endpoint ep, int concurrency, int count, Duration minimum, Duration limit,
                       IntFunction<Request> request, ObjIntConsumer<Reply> onOk) throws InterruptedException {
        return run(ep, concurrency, count, minimum, limit, request, onOk, false);
    }

    private static Outcome run(Endpoint ep, int concurrency, int count, Duration minimum, Duration limit,
                               IntFunction<Request> request, ObjIntConsumer<Reply> onOk, boolean patient)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Latencies> perWorker = new ArrayList<>();
        int workers = Math.max(1, Math.min(concurrency, count));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bench-" + ep.name);
            t.setDaemon(true); // a server that never answers must not keep the JVM alive
            return t;
        });
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long minimumEnd = start + minimum.toNanos();
        for (int w = 0; w < workers; w++) {
            Latencies mine = new Latencies(count / workers + 1);
            perWorker.add(mine);
            pool.execute(() -> {
                int i;
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()
                        && ((i = next.getAndIncrement()) < count || System.nanoTime() < minimumEnd)) {
                    String failure;
                    try {
                        Request req = request.apply(i);
                        long t0 = System.nanoTime();
                        Reply reply = patient ? ep.sendPatiently(req) : ep.send(req);
                        long dt = System.nanoTime() - t0;
                        if (reply.ok()) {
                            onOk.accept(reply, i); // first: if it throws, the request counts as an error only
                            mine.add(dt);
                            continue;
                        }
                        failure = req.method() + " " + req.path() + " -> " + reply.describe();
                    } catch (Exception e) {
                        failure = e.toString();
                    }
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, failure);
                }
            });
        }
        pool.shutdown();
        // The phase limit plus one (setup: ten) request timeout(s) bounds every worker; this wait is only a backstop.
        if (!pool.awaitTermination(limit.toSeconds() + 3600, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - start;
        long[] all = perWorker.stream().flatMapToLong(Latencies::stream).sorted().toArray();
        return new Outcome(all, errors.get(), wall, firstError.get());
    }

    /**
     * For setup and cleanup, which must complete rather than be measured: what fails at the given concurrency is
     * retried one request at a time, since a server on SQLite refuses concurrent writers with 500s. Requests get ten
     * timeouts' time.
     */
    static Outcome runAll(Endpoint ep, int concurrency, int count, Duration limit, IntFunction<Request> request,
                          ObjIntConsumer<Reply> onOk) throws InterruptedException {
        boolean[] done = new boolean[count];
        Outcome first = run(ep, concurrency, count, Duration.ZERO, limit, request, (reply, i) -> {
            onOk.accept(reply, i);
            done[i] = true;
        }, true);
        int[] again = IntStream.range(0, count).filter(i -> !done[i]).toArray();
        if (again.length == 0) {
            return first;
        }
        Outcome retry = run(ep, 1, again.length, Duration.ZERO, limit, j -> request.apply(again[j]),
                (reply, j) -> onOk.accept(reply, again[j]), true);
        long[] all = LongStream.concat(Arrays.stream(first.latencies()), Arrays.stream(retry.latencies()))
                .sorted().toArray();
        return new Outcome(all, again.length - retry.ok(), first.wallNanos() + retry.wallNanos(),
                retry.firstError() != null ? retry.firstError() : first.firstError());
    }

    /** One worker's latencies, in nanoseconds; a phase held to a minimum time may take more than its count. */
    private static final class Latencies {
        private long[] values;
        private int size;

        Latencies(int expected) {
            values = new long[Math.max(16, expected)];
        }

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        LongStream stream() {
            return Arrays.stream(values, 0, size);
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }
}
