package org.nucleon.extensions.quotas;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.internal.controller.ApiResponse;

/** /v2.0/quotas through the API's controller, and quota enforcement on creates. */
public class QuotasApiTest {
    private final QuotaTestBed bed = new QuotaTestBed();

    @After
    public void tearDown() {
        bed.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(ApiResponse r, String key) {
        return (Map<String, Object>) ((Map<String, Object>) r.body()).get(key);
    }

    private static void assertError(ApiResponse r, int status, String type, String message) {
        assertEquals(String.valueOf(r.body()), status, r.status());
        Map<String, Object> e = member(r, "NeutronError");
        assertEquals(type, e.get("type"));
        assertEquals(message, e.get("message"));
    }

    private ApiResponse put(String project, String quota) {
        return bed.call("PUT", "/v2.0/quotas/" + project, "{\"quota\": " + quota + "}");
    }

    private ApiResponse network() {
        return bed.call("POST", "/v2.0/networks", "{\"network\": {\"name\": \"n\"}}");
    }

    @Test
    public void aProjectWithoutLimitsHasTheDefaultsOfTheServedResourcesInNeutronsOrder() {
        ApiResponse r = bed.call("GET", "/v2.0/quotas/fake_project_id");
        assertEquals(200, r.status());
        assertEquals(List.of("network", "port", "security_group"), new ArrayList<>(member(r, "quota").keySet()));
        assertEquals(Map.of("network", 100, "port", 500, "security_group", 10), member(r, "quota"));
        assertEquals(member(r, "quota"), member(bed.call("GET", "/v2.0/quotas/any-project/default"), "quota"));
    }

    @Test
    public void putSetsLimitsListShowsProjectsWithTheirOwnAndDeleteGoesBackToDefaults() {
        assertEquals(Map.of("quotas", List.of()), bed.call("GET", "/v2.0/quotas").body());
        ApiResponse r = put("p2", "{\"network\": 5, \"port\": -1}");
        assertEquals(200, r.status());
        assertEquals(Map.of("network", 5, "port", -1, "security_group", 10), member(r, "quota"));
        assertEquals(member(r, "quota"), member(bed.call("GET", "/v2.0/quotas/p2"), "quota"));
        assertEquals(Map.of("network", 100, "port", 500, "security_group", 10),
                member(bed.call("GET", "/v2.0/quotas/p2/default"), "quota"));
        assertEquals(Map.of("quotas", List.of(Map.of("network", 5, "port", -1, "security_group", 10,
                "tenant_id", "p2", "project_id", "p2"))), bed.call("GET", "/v2.0/quotas").body());
        assertEquals(200, put("p2", "{\"network\": 6}").status());
        assertEquals(6, member(bed.call("GET", "/v2.0/quotas/p2"), "quota").get("network"));

        assertEquals(204, bed.call("DELETE", "/v2.0/quotas/p2").status());
        assertEquals(100, member(bed.call("GET", "/v2.0/quotas/p2"), "quota").get("network"));
        assertError(bed.call("DELETE", "/v2.0/quotas/p2"), 404, "TenantQuotaNotFound",
                "Quota for tenant p2 could not be found.");
    }

    @Test
    public void badLimitsAre400AndChangeNothing() {
        assertError(put("p2", "{\"network\": -2}"), 400, "HTTPBadRequest",
                "Invalid input for network. Reason: '-2' is too small - must be at least '-1'.");
        assertError(put("p2", "{\"network\": 2147483648}"), 400, "HTTPBadRequest",
                "Invalid input for network. Reason: '2147483648' is too large - must be no larger than '2147483647'.");
        assertError(put("p2", "{\"port\": \"many\"}"), 400, "InvalidInput",
                "Invalid input for operation: 'many' is not an integer.");
        assertError(put("p2", "{\"bogus\": 1, \"network\": 3}"), 400, "HTTPBadRequest",
                "Unrecognized attribute(s) 'bogus'");
        // a quota resource whose collection nobody serves now is not one
        assertError(put("p2", "{\"router\": 3, \"network\": 3}"), 400, "HTTPBadRequest",
                "Unrecognized attribute(s) 'router'");
        assertError(put("p2", "{\"tenant_id\": \"p3\"}"), 400, "HTTPBadRequest",
                "Cannot update read-only attribute tenant_id");
        assertError(bed.call("PUT", "/v2.0/quotas/p2", "{\"network\": 3}"), 400, "HTTPBadRequest",
                "Unable to find 'quota' in request body");
        assertError(bed.call("POST", "/v2.0/quotas", "{\"quota\": {}}"), 501, "HTTPNotImplemented",
                "POST requests are not supported on this resource.");
        assertEquals(Map.of("quotas", List.of()), bed.call("GET", "/v2.0/quotas").body());
    }

    @Test
    public void aMemberReadsOnlyItsOwnQuotaAndChangesNone() {
        bed.caller = QuotaTestBed.MEMBER;
        assertEquals(200, bed.call("GET", "/v2.0/quotas/p1").status());
        assertEquals(200, bed.call("GET", "/v2.0/quotas/p1/default").status());
        assertEquals(200, bed.call("GET", "/v2.0/quotas/p1/details").status());
        assertError(bed.call("GET", "/v2.0/quotas/p2"), 403, "PolicyNotAuthorized",
                "rule:get_quota is disallowed by policy");
        assertError(bed.call("GET", "/v2.0/quotas/p2/default"), 403, "PolicyNotAuthorized",
                "rule:get_quota is disallowed by policy");
        assertError(bed.call("GET", "/v2.0/quotas"), 403, "PolicyNotAuthorized",
                "rule:get_quota is disallowed by policy");
        assertError(bed.call("GET", "/v2.0/quotas/p2/details"), 403, "AdminRequired",
                "User does not have admin privileges: Only admin is authorized to access quotas for another tenant.");
        assertError(put("p1", "{\"network\": 1000}"), 403, "PolicyNotAuthorized",
                "rule:update_quota is disallowed by policy");
        assertError(bed.call("DELETE", "/v2.0/quotas/p1"), 403, "PolicyNotAuthorized",
                "rule:delete_quota is disallowed by policy");
        bed.caller = org.nucleon.testsupport.JpaFixture.ADMIN;
        assertEquals(Map.of("quotas", List.of()), bed.call("GET", "/v2.0/quotas").body());
    }

    @Test
    public void projectAndTenantNameTheCallersProject() {
        assertEquals(Map.of("project", Map.of("project_id", "fake_project_id")),
                bed.call("GET", "/v2.0/quotas/project").body());
        assertEquals(Map.of("tenant", Map.of("tenant_id", "fake_project_id")),
                bed.call("GET", "/v2.0/quotas/tenant").body());
        bed.caller = new RequestContext(null, null, List.of("admin"), true, "req-none");
        assertError(bed.call("GET", "/v2.0/quotas/project"), 400, "QuotaMissingTenant",
                "Tenant-id was missing from quota request.");
    }

    @Test
    public void createsPastTheLimitAreOverQuotaAndCreateNothing() {
        assertEquals(200, put("fake_project_id", "{\"network\": 2}").status());
        assertEquals(201, network().status());
        ApiResponse bulk = bed.call("POST", "/v2.0/networks",
                "{\"networks\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
        assertError(bulk, 409, "OverQuota", "Quota exceeded for resources: ['network'].");
        assertEquals(1, bed.networks.items().size());
        assertEquals(201, network().status());
        assertError(network(), 409, "OverQuota", "Quota exceeded for resources: ['network'].");
        assertEquals(2, bed.networks.items().size());
        // another project has its own room
        assertEquals(201, bed.call("POST", "/v2.0/networks", "{\"network\": {\"tenant_id\": \"p2\"}}").status());
    }

    @Test
    public void detailsShowLimitUsedAndReserved() {
        QuotaTestBed.own(bed.ports, "fake_project_id");
        QuotaTestBed.own(bed.ports, "fake_project_id");
        QuotaTestBed.own(bed.ports, "p2");
        assertEquals(Map.of("limit", 500, "used", 2L, "reserved", 0L),
                member(bed.call("GET", "/v2.0/quotas/fake_project_id/details"), "quota").get("port"));
        // a create that failed holds nothing
        bed.networkFailure = new IllegalStateException("backend down");
        assertEquals(500, network().status());
        assertEquals(Map.of("limit", 100, "used", 0L, "reserved", 0L),
                member(bed.call("GET", "/v2.0/quotas/fake_project_id/details"), "quota").get("network"));
    }

    @Test
    public void checkLimitRefusesALimitBelowTheUsage() {
        for (int i = 0; i < 3; i++) {
            assertEquals(201, network().status());
        }
        assertError(put("fake_project_id", "{\"network\": 2, \"check_limit\": true}"), 400, "HTTPBadRequest",
                "Quota limit 2 for network must be greater than or equal to already used 3");
        assertEquals(100, member(bed.call("GET", "/v2.0/quotas/fake_project_id"), "quota").get("network"));
        assertEquals(200, put("fake_project_id", "{\"network\": 3, \"check_limit\": true}").status());
        assertEquals(200, put("fake_project_id", "{\"network\": -1, \"check_limit\": true}").status());
        // without check_limit (or with force) the limit is set whatever is used
        assertEquals(200, put("fake_project_id", "{\"network\": 1, \"force\": true}").status());
        assertError(network(), 409, "OverQuota", "Quota exceeded for resources: ['network'].");
    }

    @Test
    public void unlimitedCreatesTakeNoLockAndHoldNoReservation() {
        assertEquals(200, put("fake_project_id", "{\"network\": -1}").status());
        for (int i = 0; i < 3; i++) {
            assertEquals(201, network().status());
        }
        assertEquals(0L, (long) bed.db.txExpr(em -> em.createQuery("SELECT COUNT(u) FROM QuotaUsageEntity u",
                Long.class).getSingleResult()));
    }

    @Test
    public void concurrentCreatesNeverPassTheLimit() throws Exception {
        assertEquals(200, put("fake_project_id", "{\"network\": 5}").status());
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return network().status();
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Integer> s : statuses) {
                int status = s.get();
                assertTrue("status " + status, status == 201 || status == 409);
                created += status == 201 ? 1 : 0;
            }
            assertEquals(5, created);
            assertEquals(5, bed.networks.items().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
