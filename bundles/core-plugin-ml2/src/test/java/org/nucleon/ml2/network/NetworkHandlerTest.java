package org.nucleon.ml2.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.rbac.TestRbac;
import org.nucleon.ml2.type.TestTypes;

public class NetworkHandlerTest {
    private TestJpa jpa;
    private NetworkHandler networks;

    @Before
    public void setUp() {
        jpa = new TestJpa();
        networks = new NetworkHandler();
        networks.jpa = jpa;
        networks.types = TestTypes.manager();
        networks.rbac = TestRbac.handler(jpa);
    }

    @After
    public void tearDown() {
        jpa.close();
    }

    private Map<String, Object> create(String name) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "tenant_id", "p1", "project_id", "p1",
                "admin_state_up", true, "shared", false));
        return networks.create(TestJpa.ADMIN, body);
    }

    @Test
    public void createShowUpdateDelete() {
        String id = (String) create("n1").get("id");
        assertEquals("n1", networks.get(TestJpa.ADMIN, id).get("name"));
        assertEquals("ACTIVE", networks.get(TestJpa.ADMIN, id).get("status"));
        assertEquals(1L, networks.get(TestJpa.ADMIN, id).get("revision_number"));
        networks.update(TestJpa.ADMIN, id, Map.of("name", "n2", "description", "d"));
        Map<String, Object> updated = networks.get(TestJpa.ADMIN, id);
        assertEquals("n2", updated.get("name"));
        assertEquals("d", updated.get("description"));
        assertEquals(2L, updated.get("revision_number"));
        assertTrue(((String) updated.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        networks.delete(TestJpa.ADMIN, id);
        try {
            networks.get(TestJpa.ADMIN, id);
            fail("deleted network still found");
        } catch (NeutronException e) {
            assertEquals("NetworkNotFound", e.type());
        }
    }

    /** A create's answer is built from what it wrote, and must be what a show reads back. */
    @Test
    public void createShowsWhatShowReads() {
        for (boolean flag : List.of(false, true)) {
            Map<String, Object> created = networks.create(TestJpa.ADMIN, new HashMap<>(Map.of("name", "n",
                    "tenant_id", "p1", "admin_state_up", true, "shared", flag, "router:external", flag)));
            assertEquals(flag, created.get("shared"));
            assertEquals(flag, created.get("router:external"));
            assertEquals(networks.get(TestJpa.ADMIN, (String) created.get("id")), created);
        }
    }

    @Test
    public void ifMatchRevisionIsCheckedWithTheWrite() {
        String id = (String) create("rev").get("id");
        try {
            networks.update(TestJpa.ADMIN.withRevisionConstraint(7L), id, Map.of("name", "x"));
            fail("a stale revision must be refused");
        } catch (NeutronException e) {
            assertEquals(412, e.status());
            assertEquals("Constrained to 7, but current revision is 1", e.getMessage());
        }
        assertEquals("x", networks.update(TestJpa.ADMIN.withRevisionConstraint(1L), id, Map.of("name", "x"))
                .get("name"));
        try {
            networks.delete(TestJpa.ADMIN.withRevisionConstraint(1L), id);
            fail("the update moved the revision on");
        } catch (NeutronException e) {
            assertEquals("RevisionNumberConstraintFailed", e.type());
        }
        networks.delete(TestJpa.ADMIN.withRevisionConstraint(2L), id);
    }

    @Test
    public void bulkIsAllOrNone() {
        Map<String, Object> bad = new HashMap<>(Map.of("tenant_id", "p1", "name", "x".repeat(300)));
        try {
            networks.createBulk(TestJpa.ADMIN, List.of(new HashMap<>(Map.of("tenant_id", "p1", "name", "ok")), bad));
            fail("a name over the column size must fail");
        } catch (RuntimeException expected) {
            assertTrue(networks.list(TestJpa.ADMIN, ListQuery.all()).isEmpty());
        }
    }

    @Test
    public void keysetPagingBothWays() {
        for (String n : List.of("a", "b", "c", "d", "e")) {
            create(n);
        }
        List<SortKey> byName = List.of(new SortKey("name", true), new SortKey("id", true));
        List<Map<String, Object>> first = networks.list(TestJpa.ADMIN, new ListQuery(Map.of(), byName, 2, null, false));
        assertEquals(List.of("a", "b"), names(first));
        String marker = (String) first.get(1).get("id");
        List<Map<String, Object>> second = networks.list(TestJpa.ADMIN,
                new ListQuery(Map.of(), byName, 2, marker, false));
        assertEquals(List.of("c", "d"), names(second));
        List<Map<String, Object>> back = networks.list(TestJpa.ADMIN,
                new ListQuery(Map.of(), byName, 2, (String) second.get(0).get("id"), true));
        assertEquals(List.of("a", "b"), names(back));
        List<Map<String, Object>> filtered = networks.list(TestJpa.ADMIN,
                new ListQuery(Map.of("name", List.of("b", "e")), byName, 0, null, false));
        assertEquals(List.of("b", "e"), names(filtered));
    }

    private static List<Object> names(List<Map<String, Object>> items) {
        return items.stream().map(m -> m.get("name")).toList();
    }
}
