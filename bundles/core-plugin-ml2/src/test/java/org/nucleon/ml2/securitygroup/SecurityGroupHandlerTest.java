package org.nucleon.ml2.securitygroup;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.securitygroup.Fixture.ADMIN;
import static org.nucleon.ml2.securitygroup.Fixture.assertError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class SecurityGroupHandlerTest {
    private static final String UNKNOWN = "11111111-2222-3333-4444-555555555555";
    private Fixture f;

    @Before
    public void setUp() {
        f = new Fixture();
    }

    @After
    public void tearDown() {
        f.close();
    }

    private List<Map<String, Object>> list(RequestContext ctx, Map<String, List<Object>> filters) {
        return f.groupHandler.list(ctx, new ListQuery(filters, List.of(new SortKey("name", true),
                new SortKey("id", true)), 0, null, false));
    }

    private static List<Map<?, ?>> rules(Map<String, Object> group) {
        return ((List<?>) group.get("security_group_rules")).stream().<Map<?, ?>>map(r -> (Map<?, ?>) r).toList();
    }

    private static List<String> summary(Map<String, Object> group) {
        return rules(group).stream().map(r -> r.get("direction") + " " + r.get("ethertype") + " "
                + r.get("remote_group_id")).toList();
    }

    @Test
    public void newGroupGetsEgressRulesAndTheProjectItsDefaultGroup() {
        String id = f.group("p1", "web");
        Map<String, Object> web = f.groupHandler.get(ADMIN, id);
        assertEquals("web", web.get("name"));
        assertEquals("p1", web.get("tenant_id"));
        assertEquals(1L, web.get("revision_number"));
        assertEquals(List.of("egress IPv4 null", "egress IPv6 null"), summary(web));
        Map<?, ?> egress = rules(web).get(0);
        assertNull(egress.get("protocol"));
        assertNull(egress.get("remote_ip_prefix"));
        assertNull(egress.get("description"));
        assertEquals(0L, egress.get("revision_number"));

        List<Map<String, Object>> all = list(ADMIN, Map.of("tenant_id", List.of("p1")));
        assertEquals(List.of("default", "web"), all.stream().map(g -> g.get("name")).toList());
        Map<String, Object> dflt = all.get(0);
        String self = (String) dflt.get("id");
        assertEquals("Default security group", dflt.get("description"));
        assertEquals(List.of("ingress IPv4 " + self, "egress IPv4 null", "ingress IPv6 " + self, "egress IPv6 null"),
                summary(dflt));
    }

    @Test
    public void listingCreatesTheDefaultGroupOfTheProjectItConcerns() {
        RequestContext p2 = Fixture.member("p2");
        assertEquals(List.of("default"), list(p2, Map.of()).stream().map(g -> g.get("name")).toList());
        // a member cannot create another project's group by filtering on it; an admin does
        assertTrue(list(p2, Map.of("tenant_id", List.of("p3"))).isEmpty());
        assertEquals(1, list(ADMIN, Map.of("project_id", List.of("p3"))).size());
        // without a project (noauth with X-Project-Id) nothing is created
        RequestContext projectless = new RequestContext(null, "u", List.of("admin"), true, "r");
        assertTrue(list(projectless, Map.of("tenant_id", List.of("p4"))).isEmpty());
        // p2's and p3's, and now the admin's own project's
        assertEquals(3, list(ADMIN, Map.of()).size());
    }

    @Test
    public void concurrentFirstCallsCreateOneDefaultGroup() throws Exception {
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return f.groups.ensureDefault(Fixture.ADMIN, "pc");
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            assertEquals(1, distinct.size());
            assertEquals(1, list(ADMIN, Map.of("tenant_id", List.of("pc"))).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void defaultGroupKeepsItsName() {
        String id = f.groups.ensureDefault(Fixture.ADMIN, "p1");
        assertError(409, "SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.",
                () -> f.groupHandler.update(ADMIN, id, Map.of("name", "x")));
        Map<String, Object> updated = f.groupHandler.update(ADMIN, id, Map.of("description", "mine"));
        assertEquals("mine", updated.get("description"));
        assertEquals("default", updated.get("name"));
        String web = f.group("p1", "web");
        assertEquals("www", f.groupHandler.update(ADMIN, web, Map.of("name", "www")).get("name"));
    }

    @Test
    public void onlyAnAdminDeletesTheDefaultGroup() {
        String id = f.groups.ensureDefault(Fixture.ADMIN, "p1");
        assertError(409, "SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.",
                () -> f.groupHandler.delete(Fixture.member("p1"), id));
        f.groupHandler.delete(ADMIN, id);
        assertError(404, "SecurityGroupNotFound", "Security group " + id + " does not exist",
                () -> f.groupHandler.get(ADMIN, id));
        // the project gets a new one on next need
        assertNotEquals(id, f.groups.ensureDefault(Fixture.ADMIN, "p1"));
    }

    @Test
    public void groupUsedByAPortCannotBeDeleted() {
        String id = f.group("p1", "web");
        f.jpa.tx(em -> f.groups.bind(em, "port-1", List.of(id)));
        assertError(409, "SecurityGroupInUse", "Security Group " + id + " in use.",
                () -> f.groupHandler.delete(ADMIN, id));
        f.jpa.tx(em -> f.groups.unbind(em, "port-1"));
        f.groupHandler.delete(ADMIN, id);
        assertError(404, "SecurityGroupNotFound", null, () -> f.groupHandler.get(ADMIN, id));
    }

    @Test
    public void deletingAGroupDeletesRulesThatAllowIt() {
        String web = f.group("p1", "web");
        String db = f.group("p1", "db");
        f.createRule(db, "remote_group_id", web, "protocol", "tcp", "port_range_min", 5432, "port_range_max", 5432);
        f.groupHandler.delete(ADMIN, web);
        assertEquals(2, rules(f.groupHandler.get(ADMIN, db)).size());
    }

    @Test
    public void unknownGroup() {
        String message = "Security group " + UNKNOWN + " does not exist";
        assertError(404, "SecurityGroupNotFound", message, () -> f.groupHandler.get(ADMIN, UNKNOWN));
        assertError(404, "SecurityGroupNotFound", message, () -> f.groupHandler.delete(ADMIN, UNKNOWN));
        assertError(404, "SecurityGroupNotFound", message,
                () -> f.groupHandler.update(ADMIN, UNKNOWN, Map.of("name", "x")));
    }

    @Test
    public void createShowsTheStoredGroup() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "api", "description", "d",
                "tenant_id", "p1", "project_id", "p1"));
        Map<String, Object> created = f.groupHandler.create(ADMIN, body);
        assertEquals(f.groupHandler.get(ADMIN, (String) created.get("id")), created);
    }
}
