package org.nucleon.metering;

import static org.junit.Assert.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class MeteringLabelHandlerTest {
    private static final String MISSING = "613ff9a8-cf3a-4e84-b381-98cf3fc2a200";
    private final MeteringDb db = new MeteringDb();

    @After
    public void tearDown() {
        db.close();
    }

    /** A body as the REST layer hands it over: defaults filled, project_id mirrored. */
    static Map<String, Object> label(String name, boolean shared, String project) {
        return new HashMap<>(Map.of("name", name, "description", "", "shared", shared, "tenant_id", project,
                "project_id", project));
    }

    private static NeutronException failure(Runnable call) {
        try {
            call.run();
        } catch (NeutronException e) {
            return e;
        }
        throw new AssertionError("no NeutronException");
    }

    @Test
    public void createShowsSample100() {
        Map<String, Object> body = label("label1", false, "fake_project_id");
        body.put("description", "traffic");
        Map<String, Object> created = db.labels.create(MeteringDb.ADMIN, body);
        assertEquals(List.of("id", "name", "description", "shared", "project_id", "tenant_id"),
                List.copyOf(created.keySet()));
        assertEquals("label1", created.get("name"));
        assertEquals("traffic", created.get("description"));
        assertEquals(false, created.get("shared"));
        assertEquals("fake_project_id", created.get("project_id"));
        assertEquals("fake_project_id", created.get("tenant_id"));
        assertEquals(created, db.labels.get(MeteringDb.ADMIN, (String) created.get("id")));
    }

    /** JpaResourceHandler.count: one COUNT over the columns, else what the list would give. */
    @Test
    public void countsAProjectsLabelsAsTheListWould() {
        db.labels.create(MeteringDb.ADMIN, label("a", false, "p1"));
        db.labels.create(MeteringDb.ADMIN, label("b", true, "p1"));
        db.labels.create(MeteringDb.ADMIN, label("c", false, "p2"));
        assertEquals(2, db.labels.count(MeteringDb.ADMIN, Map.of("tenant_id", List.of("p1"))));
        assertEquals(3, db.labels.count(MeteringDb.ADMIN, Map.of("project_id", List.of("p1", "p2"))));
        assertEquals(1, db.labels.count(MeteringDb.ADMIN, Map.of("tenant_id", List.of("p1"), "shared",
                List.of(true))));
        assertEquals(0, db.labels.count(MeteringDb.ADMIN, Map.of("tenant_id", List.of("p3"))));
        // not a column: the list ignores it, and so does the count
        assertEquals(3, db.labels.count(MeteringDb.ADMIN, Map.of("router_id", List.of("x"))));
    }

    @Test
    public void sharedLabelsAreKeptAndFiltered() {
        String shared = (String) db.labels.create(MeteringDb.ADMIN, label("s", true, "other")).get("id");
        db.labels.create(MeteringDb.ADMIN, label("p", false, "fake_project_id"));
        List<Map<String, Object>> found = db.labels.list(MeteringDb.ADMIN, new ListQuery(
                Map.of("shared", List.of(true)), List.of(new SortKey("id", true)), 0, null, false));
        assertEquals(1, found.size());
        assertEquals(shared, found.get(0).get("id"));
        assertEquals("other", found.get(0).get("tenant_id"));
    }

    @Test
    public void listsSortedByName() {
        db.labels.create(MeteringDb.ADMIN, label("b", false, "p"));
        db.labels.create(MeteringDb.ADMIN, label("a", false, "p"));
        List<Map<String, Object>> found = db.labels.list(MeteringDb.ADMIN, new ListQuery(Map.of(),
                List.of(new SortKey("name", false), new SortKey("id", true)), 0, null, false));
        assertEquals(List.of("b", "a"), found.stream().map(l -> l.get("name")).toList());
    }

    @Test
    public void missingLabelIsMeteringLabelNotFound() {
        for (Runnable call : List.<Runnable>of(() -> db.labels.get(MeteringDb.ADMIN, MISSING),
                () -> db.labels.delete(MeteringDb.ADMIN, MISSING))) {
            NeutronException e = failure(call);
            assertEquals(404, e.status());
            assertEquals("MeteringLabelNotFound", e.type());
            assertEquals("Metering label '" + MISSING + "' does not exist.", e.getMessage());
        }
    }

    @Test
    public void labelsCannotBeUpdated() {
        String id = (String) db.labels.create(MeteringDb.ADMIN, label("l", false, "p")).get("id");
        NeutronException e = failure(() -> db.labels.update(MeteringDb.ADMIN, id, Map.of()));
        assertEquals(501, e.status());
        assertEquals("NotImplementedError", e.type());
        assertEquals("l", db.labels.get(MeteringDb.ADMIN, id).get("name"));
    }

    @Test
    public void deletingALabelDeletesItsRules() {
        String id = (String) db.labels.create(MeteringDb.ADMIN, label("l", false, "p")).get("id");
        String kept = (String) db.labels.create(MeteringDb.ADMIN, label("k", false, "p")).get("id");
        String rule = (String) db.rules.create(MeteringDb.ADMIN, MeteringLabelRuleHandlerTest.rule(id, "ingress",
                "10.0.0.0/24")).get("id");
        String other = (String) db.rules.create(MeteringDb.ADMIN, MeteringLabelRuleHandlerTest.rule(kept, "ingress",
                "10.0.0.0/24")).get("id");
        db.labels.delete(MeteringDb.ADMIN, id);
        assertEquals("MeteringLabelNotFound", failure(() -> db.labels.get(MeteringDb.ADMIN, id)).type());
        assertEquals("MeteringLabelRuleNotFound", failure(() -> db.rules.get(MeteringDb.ADMIN, rule)).type());
        assertEquals(kept, db.rules.get(MeteringDb.ADMIN, other).get("metering_label_id"));
    }
}
