package org.nucleon.metering;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class MeteringLabelRuleHandlerTest {
    private static final String MISSING = "2cd9d854-58c0-4f24-8055-e73106d08000";
    private static final String NONE_GIVEN = "You must define at least one of the following parameters "
            + "'remote_ip_prefix', or 'source_ip_prefix' or 'destination_ip_prefix'.";
    private final MeteringDb db = new MeteringDb();
    private String label;

    @Before
    public void setUp() {
        label = (String) db.labels.create(MeteringDb.ADMIN, MeteringLabelHandlerTest.label("l", false, "p")).get("id");
    }

    @After
    public void tearDown() {
        db.close();
    }

    /** A body as the REST layer hands it over: excluded and the prefixes defaulted. */
    static Map<String, Object> rule(String label, String direction, String remote) {
        Map<String, Object> r = new HashMap<>(Map.of("metering_label_id", label, "direction", direction,
                "excluded", false, "tenant_id", "p", "project_id", "p"));
        r.put("remote_ip_prefix", remote);
        r.put("source_ip_prefix", null);
        r.put("destination_ip_prefix", null);
        return r;
    }

    private Map<String, Object> create(Map<String, Object> body) {
        return db.rules.create(MeteringDb.ADMIN, body);
    }

    private NeutronException refused(Map<String, Object> body) {
        try {
            create(body);
        } catch (NeutronException e) {
            return e;
        }
        throw new AssertionError(body + " was accepted");
    }

    private List<Map<String, Object>> all() {
        return db.rules.list(MeteringDb.ADMIN, ListQuery.all());
    }

    @Test
    public void createShowsSample101() {
        Map<String, Object> created = create(rule(label, "ingress", "10.0.0.0/24"));
        assertEquals(List.of("id", "metering_label_id", "direction", "remote_ip_prefix", "source_ip_prefix",
                "destination_ip_prefix", "excluded"), List.copyOf(created.keySet()));
        assertEquals(label, created.get("metering_label_id"));
        assertEquals("ingress", created.get("direction"));
        assertEquals("10.0.0.0/24", created.get("remote_ip_prefix"));
        assertNull(created.get("source_ip_prefix"));
        assertNull(created.get("destination_ip_prefix"));
        assertEquals(false, created.get("excluded"));
        assertEquals(created, db.rules.get(MeteringDb.ADMIN, (String) created.get("id")));
    }

    @Test
    public void prefixesAreStoredAsNeutronPrintsThem() {
        assertEquals("10.1.0.5/24", create(rule(label, "ingress", "10.1.0.5/24")).get("remote_ip_prefix"));
        assertEquals("10.2.0.5/32", create(rule(label, "egress", "10.2.0.5")).get("remote_ip_prefix"));
        Map<String, Object> both = rule(label, "egress", null);
        both.put("source_ip_prefix", "10.5.0.0/24");
        both.put("destination_ip_prefix", "2001:0db8:1::1");
        Map<String, Object> created = create(both);
        assertNull(created.get("remote_ip_prefix"));
        assertEquals("10.5.0.0/24", created.get("source_ip_prefix"));
        assertEquals("2001:db8:1::1/128", created.get("destination_ip_prefix"));
    }

    @Test
    public void anEmptyOrFalsePrefixCountsAsNotGiven() {
        Map<String, Object> body = rule(label, "ingress", "10.30.0.0/24");
        body.put("source_ip_prefix", "");
        body.put("destination_ip_prefix", false);
        Map<String, Object> created = create(body);
        assertNull(created.get("source_ip_prefix"));
        assertNull(created.get("destination_ip_prefix"));
    }

    @Test
    public void anInvalidPrefixIsNamed() {
        Map<String, Object> body = rule(label, "egress", null);
        body.put("destination_ip_prefix", "foo");
        NeutronException e = refused(body);
        assertEquals(400, e.status());
        assertEquals("Invalid", e.type());
        assertEquals("destination_ip_prefix: foo is invalid ['foo' does not appear to be an IPv4 or IPv6 "
                + "interface].", e.getMessage());
        assertEquals(List.of(), all());
    }

    @Test
    public void remoteExcludesSourceAndDestination() {
        for (String other : List.of("source_ip_prefix", "destination_ip_prefix")) {
            Map<String, Object> body = rule(label, "egress", "10.3.0.0/24");
            body.put(other, "10.4.0.0/24");
            NeutronException e = refused(body);
            assertEquals("Invalid", e.type());
            assertEquals("Cannot use 'remote-ip-prefix' in conjunction with 'source-ip-prefix' or "
                    + "'destination-ip-prefix'.", e.getMessage());
        }
        assertEquals(List.of(), all());
    }

    @Test
    public void somePrefixIsRequired() {
        NeutronException e = refused(rule(label, "ingress", null));
        assertEquals(400, e.status());
        assertEquals("Invalid", e.type());
        assertEquals(NONE_GIVEN, e.getMessage());
    }

    @Test
    public void theLabelMustExist() {
        NeutronException e = refused(rule(MISSING, "egress", "10.0.0.0/8"));
        assertEquals(404, e.status());
        assertEquals("MeteringLabelNotFound", e.type());
        assertEquals("Metering label '" + MISSING + "' does not exist.", e.getMessage());
        // Neutron checks the prefixes before it looks for the label
        assertEquals(NONE_GIVEN, refused(rule(MISSING, "egress", null)).getMessage());
    }

    @Test
    public void remotePrefixesOfOneLabelDirectionAndExclusionMayNotOverlap() {
        create(rule(label, "ingress", "10.1.0.5/24"));
        NeutronException e = refused(rule(label, "ingress", "10.1.0.128/25"));
        assertEquals(409, e.status());
        assertEquals("MeteringLabelRuleOverlaps", e.type());
        assertEquals("Metering label rule with remote_ip_prefix '10.1.0.128/25' overlaps another.", e.getMessage());
        assertEquals(1, all().size());
    }

    @Test
    public void overlapsElsewhereAreAllowed() {
        create(rule(label, "ingress", "10.1.0.0/24"));
        create(rule(label, "egress", "10.1.0.128/25"));
        Map<String, Object> excluded = rule(label, "ingress", "10.1.0.128/25");
        excluded.put("excluded", true);
        create(excluded);
        String other = (String) db.labels.create(MeteringDb.ADMIN, MeteringLabelHandlerTest.label("o", false, "p"))
                .get("id");
        create(rule(other, "ingress", "10.1.0.0/16"));
        create(rule(label, "ingress", "::/0"));
        // Neutron compares remote_ip_prefix only
        Map<String, Object> source = rule(label, "ingress", null);
        source.put("source_ip_prefix", "10.1.0.0/24");
        create(source);
        create(source);
        assertEquals(7, all().size());
    }

    @Test
    public void overlapIsJudgedOnTheStoredNetwork() {
        create(rule(label, "egress", "10.7.0.5/255.255.0.0"));
        assertEquals("MeteringLabelRuleOverlaps", refused(rule(label, "egress", "10.7.200.0/24")).type());
        create(rule(label, "egress", "10.8.0.0/24"));
    }

    /** The label's row lock makes concurrent creations check one after the other. */
    @Test
    public void concurrentOverlappingRulesLetOneIn() throws Exception {
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String prefix = "10.50." + i + ".0/16";
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    create(rule(label, "ingress", prefix));
                    return "created";
                } catch (NeutronException e) {
                    return e.type();
                }
            }));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(results.toString(), 1, results.stream().filter("created"::equals).count());
        assertEquals(results.toString(), clients - 1, results.stream().filter("MeteringLabelRuleOverlaps"::equals)
                .count());
        assertEquals(1, all().size());
    }

    @Test
    public void aBulkCreateIsAllOrNone() {
        try {
            db.rules.createBulk(MeteringDb.ADMIN, List.of(rule(label, "ingress", "10.9.0.0/24"),
                    rule(label, "ingress", "10.9.0.0/16")));
            throw new AssertionError("overlapping bulk accepted");
        } catch (NeutronException e) {
            assertEquals("MeteringLabelRuleOverlaps", e.type());
        }
        assertEquals(List.of(), all());
    }

    @Test
    public void listFiltersByLabelDirectionAndExclusion() {
        String other = (String) db.labels.create(MeteringDb.ADMIN, MeteringLabelHandlerTest.label("o", false, "p"))
                .get("id");
        create(rule(label, "ingress", "10.0.0.0/24"));
        String wanted = (String) create(rule(label, "egress", "10.0.0.0/24")).get("id");
        create(rule(other, "egress", "10.0.0.0/24"));
        List<Map<String, Object>> found = db.rules.list(MeteringDb.ADMIN, new ListQuery(Map.of("metering_label_id",
                List.of(label), "direction", List.of("egress"), "excluded", List.of(false)),
                List.of(new SortKey("id", true)), 0, null, false));
        assertEquals(List.of(wanted), found.stream().map(r -> r.get("id")).toList());
    }

    @Test
    public void deleteAndMissingRules() {
        String id = (String) create(rule(label, "ingress", "10.0.0.0/24")).get("id");
        db.rules.delete(MeteringDb.ADMIN, id);
        for (Runnable call : List.<Runnable>of(() -> db.rules.get(MeteringDb.ADMIN, id),
                () -> db.rules.delete(MeteringDb.ADMIN, id))) {
            try {
                call.run();
                throw new AssertionError("deleted rule still there");
            } catch (NeutronException e) {
                assertEquals(404, e.status());
                assertEquals("MeteringLabelRuleNotFound", e.type());
                assertEquals("Metering label rule '" + id + "' does not exist.", e.getMessage());
            }
        }
        // the rule's prefix is free again
        create(rule(label, "ingress", "10.0.0.0/24"));
    }

    @Test
    public void rulesCannotBeUpdated() {
        String id = (String) create(rule(label, "ingress", "10.0.0.0/24")).get("id");
        try {
            db.rules.update(MeteringDb.ADMIN, id, Map.of("source_ip_prefix", "10.40.0.0/24"));
            throw new AssertionError("rule updated");
        } catch (NeutronException e) {
            assertEquals(501, e.status());
            assertEquals("NotImplementedError", e.type());
        }
        assertNull(db.rules.get(MeteringDb.ADMIN, id).get("source_ip_prefix"));
    }
}
