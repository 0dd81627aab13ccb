package org.nucleon.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both Nucleon and the reference enforce Neutron's quotas (500 ports a project by default): before a run the
 * benchmark's own project gets -1, unlimited, on every resource the endpoint keeps a quota for.
 */
final class Quotas {
    private Quotas() {
    }

    /** The project made unlimited, or null when the endpoint has no quotas. */
    static String unlimit(Endpoint ep) throws IOException, InterruptedException {
        Reply own = ep.send(Request.get("/v2.0/quotas/project"));
        if (own.status() == 404) {
            return null;
        }
        ok(own, "GET /v2.0/quotas/project");
        String project = own.json().path("project").path("project_id").asText();
        Reply current = ok(ep.send(Request.get("/v2.0/quotas/" + project)), "GET /v2.0/quotas/" + project);
        Map<String, Object> unlimited = new LinkedHashMap<>();
        current.json().path("quota").fieldNames().forEachRemaining(r -> unlimited.put(r, -1));
        ok(ep.send(Request.put("/v2.0/quotas/" + project, Map.of("quota", unlimited))), "PUT /v2.0/quotas/" + project);
        return project;
    }

    private static Reply ok(Reply r, String what) throws IOException {
        if (!r.ok()) {
            throw new IOException(what + ": " + r.describe());
        }
        return r;
    }
}
