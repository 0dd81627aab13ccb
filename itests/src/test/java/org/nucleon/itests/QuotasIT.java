package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Neutron's quotas in the distribution: the routes, OverQuota on creates, details, creates racing
 * to a limit over HTTP, and an API without quotas while the extensions bundle is stopped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QuotasIT extends NucleonKarafTestSupport {
    private static final String OVER_NETWORK = "Quota exceeded for resources: ['network'].";

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    /**
     * The client, once the quotas extension and the service plugins whose resources have quotas
     * are served (each bundle's persistence unit starts on its own).
     */
    private Http quotas() throws Exception {
        Http api = api();
        assertTrue("quotas served", Http.await(60_000, () -> api.get("/v2.0/quotas/project").status() == 200
                && api.get("/v2.0/routers").status() == 200 && api.get("/v2.0/floatingips").status() == 200));
        return api;
    }

    private static Map<?, ?> member(Http.Answer a, String key) {
        assertTrue(a.status() + " " + a.text(), a.status() < 300);
        return (Map<?, ?>) a.map().get(key);
    }

    private static void assertError(Http.Answer a, int status, String type, String message) {
        assertEquals(a.text(), status, a.status());
        Map<?, ?> e = (Map<?, ?>) a.map().get("NeutronError");
        assertEquals(type, e.get("type"));
        assertEquals(message, e.get("message"));
    }

    private static Http.Answer network(Http api, String project) throws Exception {
        return api.post("/v2.0/networks", "{\"network\": {\"name\": \"q\", \"tenant_id\": \"" + project + "\"}}");
    }

    @Test
    public void routesAsNeutronServesThem() throws Exception {
        Http api = quotas();
        for (String alias : List.of("quotas", "quota_details", "quota-check-limit")) {
            assertEquals(alias, 200, api.get("/v2.0/extensions/" + alias).status());
        }
        assertEquals(Map.of("project_id", FAKE_PROJECT), member(api.get("/v2.0/quotas/project"), "project"));
        assertEquals(Map.of("tenant_id", FAKE_PROJECT), member(api.get("/v2.0/quotas/tenant"), "tenant"));
        Map<?, ?> defaults = member(api.get("/v2.0/quotas/routes-project"), "quota");
        assertEquals(List.of("network", "subnet", "subnetpool", "port", "router", "floatingip", "rbac_policy",
                "security_group", "security_group_rule"), new ArrayList<>(defaults.keySet()));
        assertEquals(List.of(100, 100, -1, 500, 10, 50, 10, 10, 100), new ArrayList<>(defaults.values()));
        assertEquals(defaults, member(api.get("/v2.0/quotas/routes-project/default"), "quota"));

        Map<?, ?> set = member(api.put("/v2.0/quotas/routes-project", "{\"quota\": {\"network\": 7, \"port\": -1}}"),
                "quota");
        assertEquals(7, set.get("network"));
        assertEquals(-1, set.get("port"));
        assertEquals(set, member(api.get("/v2.0/quotas/routes-project"), "quota"));
        assertTrue(((List<?>) api.get("/v2.0/quotas").map().get("quotas")).stream()
                .anyMatch(q -> "routes-project".equals(((Map<?, ?>) q).get("project_id"))));

        assertError(api.put("/v2.0/quotas/routes-project", "{\"quota\": {\"network\": -2}}"), 400, "HTTPBadRequest",
                "Invalid input for network. Reason: '-2' is too small - must be at least '-1'.");
        assertError(api.put("/v2.0/quotas/routes-project", "{\"quota\": {\"bogus\": 1}}"), 400, "HTTPBadRequest",
                "Unrecognized attribute(s) 'bogus'");
        assertEquals(7, member(api.get("/v2.0/quotas/routes-project"), "quota").get("network"));

        assertEquals(204, api.delete("/v2.0/quotas/routes-project").status());
        assertEquals(defaults, member(api.get("/v2.0/quotas/routes-project"), "quota"));
        assertError(api.delete("/v2.0/quotas/routes-project"), 404, "TenantQuotaNotFound",
                "Quota for tenant routes-project could not be found.");
    }

    @Test
    public void createsPastALimitAreOverQuotaAndDetailsCountThem() throws Exception {
        Http api = quotas();
        String p = "over-project";
        assertEquals(200, api.put("/v2.0/quotas/" + p, "{\"quota\": {\"network\": 1, \"port\": 2}}").status());
        String net = (String) member(network(api, p), "network").get("id");
        assertError(network(api, p), 409, "OverQuota", OVER_NETWORK);
        // ports with security groups need an address
        assertEquals(201, api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"tenant_id\": \""
                + p + "\", \"ip_version\": 4, \"cidr\": \"10.77.0.0/24\"}}").status());

        String port = "{\"network_id\": \"" + net + "\", \"tenant_id\": \"" + p + "\"}";
        Http.Answer two = api.post("/v2.0/ports", "{\"ports\": [" + port + ", " + port + "]}");
        assertEquals(two.text(), 201, two.status());
        assertError(api.post("/v2.0/ports", "{\"port\": " + port + "}"), 409, "OverQuota",
                "Quota exceeded for resources: ['port'].");
        assertEquals(2, ((List<?>) api.get("/v2.0/ports?tenant_id=" + p).map().get("ports")).size());

        Map<?, ?> details = member(api.get("/v2.0/quotas/" + p + "/details"), "quota");
        assertEquals(Map.of("limit", 2, "used", 2, "reserved", 0), details.get("port"));
        assertEquals(Map.of("limit", 1, "used", 1, "reserved", 0), details.get("network"));
        assertError(api.put("/v2.0/quotas/" + p, "{\"quota\": {\"port\": 1, \"check_limit\": true}}"), 400,
                "HTTPBadRequest", "Quota limit 1 for port must be greater than or equal to already used 2");
    }

    @Test
    public void concurrentCreatesOverHttpNeverPassTheLimit() throws Exception {
        Http api = quotas();
        String p = "racing-project";
        assertEquals(200, api.put("/v2.0/quotas/" + p, "{\"quota\": {\"network\": 5}}").status());
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Thread t = new Thread(() -> {
                for (int n = 0; n < 2; n++) {
                    try {
                        statuses.add(network(api, p).status());
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join(120_000);
        }
        assertTrue("only 201 and 409: " + statuses, statuses.stream().allMatch(s -> s == 201 || s == 409));
        assertEquals(5, statuses.stream().filter(s -> s == 201).count());
        assertEquals(5, ((List<?>) api.get("/v2.0/networks?tenant_id=" + p).map().get("networks")).size());
    }

    @Test
    public void withoutTheExtensionsBundleNothingIsLimited() throws Exception {
        Http api = quotas();
        String p = "stopped-project";
        assertEquals(200, api.put("/v2.0/quotas/" + p, "{\"quota\": {\"network\": 0}}").status());
        assertError(network(api, p), 409, "OverQuota", OVER_NETWORK);
        Bundle extensions = bundle("nucleon-extensions");
        extensions.stop();
        try {
            assertTrue("quotas leave with their bundle", Http.await(5_000,
                    () -> api.get("/v2.0/quotas/project").status() == 404
                            && api.get("/v2.0/extensions/quotas").status() == 404));
            assertEquals(201, network(api, p).status());
        } finally {
            extensions.start();
        }
        quotas();
        assertEquals(0, member(api.get("/v2.0/quotas/" + p), "quota").get("network"));
        assertError(network(api, p), 409, "OverQuota", OVER_NETWORK);
    }
}
