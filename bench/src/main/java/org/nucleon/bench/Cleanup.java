package org.nucleon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a scenario created and has not yet removed, keyed by the path that undoes it (measured deletes take their
 * entry out). Undone tier by tier through the same load core.
 */
final class Cleanup {
    private final Map<String, Request> undo = new LinkedHashMap<>();
    private final Map<String, Integer> tiers = new LinkedHashMap<>();

    synchronized void add(int tier, String key, Request request) {
        undo.put(key, request);
        tiers.put(key, tier);
    }

    synchronized void done(String key) {
        undo.remove(key);
        tiers.remove(key);
    }

    /** Returns how many undo requests failed (left behind). */
    int run(Endpoint ep, int concurrency, Duration limit) throws InterruptedException {
        TreeMap<Integer, List<Request>> byTier = new TreeMap<>();
        synchronized (this) {
            undo.forEach((key, req) -> byTier.computeIfAbsent(tiers.get(key), t -> new ArrayList<>()).add(req));
            undo.clear();
            tiers.clear();
        }
        int left = 0;
        for (List<Request> requests : byTier.values()) {
            left += requests.size()
                    - Load.runAll(ep, concurrency, requests.size(), limit, requests::get, (reply, i) -> { }).ok();
        }
        return left;
    }
}
