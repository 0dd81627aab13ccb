package org.nucleon.ml2.securitygroup;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.securitygroup.Fixture.ADMIN;
import static org.nucleon.ml2.securitygroup.Fixture.assertError;
import static org.nucleon.ml2.securitygroup.Fixture.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class SecurityGroupRuleHandlerTest {
    private static final String UNKNOWN = "11111111-2222-3333-4444-555555555555";
    private Fixture f;
    private String sg;

    @Before
    public void setUp() {
        f = new Fixture();
        sg = f.group("p1", "web");
    }

    @After
    public void tearDown() {
        f.close();
    }

    @Test
    public void createsTcpRuleAsNeutronShowsIt() {
        Map<String, Object> r = f.createRule(sg, "protocol", "tcp", "port_range_min", 80, "port_range_max", 80,
                "remote_ip_prefix", "10.0.0.5/24", "description", "http");
        assertEquals("tcp", r.get("protocol"));
        assertEquals(80, r.get("port_range_min"));
        assertEquals("10.0.0.5/24", r.get("remote_ip_prefix"));
        assertEquals(sg, r.get("security_group_id"));
        assertEquals("p1", r.get("project_id"));
        assertEquals("http", r.get("description"));
        assertEquals(0L, r.get("revision_number"));
        assertEquals(r, f.ruleHandler.get(ADMIN, (String) r.get("id")));
        // the group lists it after its two egress rules, and counts a revision for it
        Map<String, Object> group = f.groupHandler.get(ADMIN, sg);
        List<?> rules = (List<?>) group.get("security_group_rules");
        assertEquals(3, rules.size());
        assertEquals(r.get("id"), ((Map<?, ?>) rules.get(2)).get("id"));
        assertEquals(2L, group.get("revision_number"));
    }

    @Test
    public void duplicateRuleIsRefusedWithTheExistingId() {
        String id = (String) f.createRule(sg, "protocol", "tcp", "port_range_min", 22, "port_range_max", 22).get("id");
        String message = "Security group rule already exists. Rule id is " + id + ".";
        assertError(409, "SecurityGroupRuleExists", message,
                () -> f.createRule(sg, "protocol", "tcp", "port_range_min", 22, "port_range_max", 22));
        // a protocol by number is the same rule as by name
        assertError(409, "SecurityGroupRuleExists", message,
                () -> f.createRule(sg, "protocol", "6", "port_range_min", 22, "port_range_max", 22));
        // host bits make another prefix, as in Neutron
        f.createRule(sg, "protocol", "tcp", "port_range_min", 22, "port_range_max", 22, "remote_ip_prefix",
                "10.0.0.7/24");
    }

    @Test
    public void anyAddressPrefixDuplicatesTheDefaultEgressRule() {
        String egressV4 = (String) ((Map<?, ?>) ((List<?>) f.groupHandler.get(ADMIN, sg)
                .get("security_group_rules")).get(0)).get("id");
        assertError(409, "SecurityGroupRuleExists", "Security group rule already exists. Rule id is " + egressV4 + ".",
                () -> f.createRule(sg, "direction", "egress", "remote_ip_prefix", "0.0.0.0/0"));
    }

    @Test
    public void portRangeChecks() {
        String range = "For TCP/UDP protocols, port_range_min must be <= port_range_max";
        assertError(400, "SecurityGroupInvalidPortRange", range,
                () -> f.createRule(sg, "protocol", "tcp", "port_range_min", 90, "port_range_max", 80));
        assertError(400, "SecurityGroupInvalidPortRange", range,
                () -> f.createRule(sg, "protocol", "udp", "port_range_min", 90));
        assertError(400, "SecurityGroupInvalidPortValue", "Invalid value for port 0",
                () -> f.createRule(sg, "protocol", "tcp", "port_range_min", 0, "port_range_max", 90));
        assertError(400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.",
                () -> f.createRule(sg, "port_range_min", 10, "port_range_max", 90));
        assertError(400, "SecurityGroupInvalidProtocolForPort",
                "Ports cannot be specified for protocol 47. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.",
                () -> f.createRule(sg, "protocol", "gre", "port_range_min", 1, "port_range_max", 2));
        assertEquals(1000, f.createRule(sg, "protocol", "sctp", "port_range_min", 1000, "port_range_max", 2000)
                .get("port_range_min"));
    }

    @Test
    public void icmpTypeAndCode() {
        assertError(400, "SecurityGroupInvalidIcmpValue",
                "Invalid value for ICMP type (port_range_min) 256. It must be 0 to 255.",
                () -> f.createRule(sg, "protocol", "icmp", "port_range_min", 256));
        assertError(400, "SecurityGroupInvalidIcmpValue",
                "Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.",
                () -> f.createRule(sg, "protocol", "icmp", "port_range_min", 8, "port_range_max", 256));
        assertError(400, "SecurityGroupMissingIcmpType",
                "ICMP code (port-range-max) 3 is provided but ICMP type (port-range-min) is missing.",
                () -> f.createRule(sg, "protocol", "icmp", "port_range_max", 3));
        // type 8 code 0 is valid although min > max
        Map<String, Object> echo = f.createRule(sg, "protocol", "icmp", "port_range_min", 8, "port_range_max", 0);
        assertEquals(0, echo.get("port_range_max"));
        Map<String, Object> typeOnly = f.createRule(sg, "protocol", "icmp", "port_range_min", 3);
        assertNull(typeOnly.get("port_range_max"));
    }

    @Test
    public void ipv6IcmpIsStoredUnderItsCanonicalName() {
        assertEquals("ipv6-icmp", f.createRule(sg, "ethertype", "IPv6", "protocol", "icmp").get("protocol"));
        assertEquals("58", f.createRule(sg, "ethertype", "IPv6", "protocol", "1", "port_range_min", 2)
                .get("protocol"));
        assertError(409, "SecurityGroupRuleExists", null,
                () -> f.createRule(sg, "ethertype", "IPv6", "protocol", "icmpv6"));
    }

    @Test
    public void ethertypeMustMatchProtocolAndPrefix() {
        assertError(400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol icmpv6.",
                () -> f.createRule(sg, "protocol", "icmpv6"));
        assertError(400, "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol 58.",
                () -> f.createRule(sg, "protocol", "58"));
        assertError(400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.0.0.0/8",
                () -> f.createRule(sg, "ethertype", "IPv6", "remote_ip_prefix", "10.0.0.0/8"));
        assertError(400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR ::/0",
                () -> f.createRule(sg, "remote_ip_prefix", "::/0"));
        assertEquals("::ffff:10.0.0.1/128", f.createRule(sg, "ethertype", "IPv6", "remote_ip_prefix",
                "::ffff:10.0.0.1/128").get("remote_ip_prefix"));
    }

    @Test
    public void remoteGroupAndGroupMustExist() {
        assertError(400, "SecurityGroupMultipleRemoteEntites",
                "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.",
                () -> f.createRule(sg, "remote_group_id", sg, "remote_ip_prefix", "10.0.0.0/8"));
        assertError(404, "SecurityGroupNotFound", "Security group junk does not exist",
                () -> f.createRule(sg, "remote_group_id", "junk"));
        assertError(404, "SecurityGroupNotFound", "Security group " + UNKNOWN + " does not exist",
                () -> f.createRule(UNKNOWN));
        // as in Neutron, the rule itself is checked before its group is looked up
        assertError(400, "SecurityGroupInvalidProtocolForPort", null,
                () -> f.createRule(UNKNOWN, "protocol", "gre", "port_range_min", 1));
        assertEquals(sg, f.createRule(sg, "remote_group_id", sg).get("remote_group_id"));
    }

    @Test
    public void bulkIsAllOrNone() {
        List<Map<String, Object>> created = f.ruleHandler.createBulk(ADMIN, List.of(
                rule(sg, "protocol", "tcp", "port_range_min", 1, "port_range_max", 1),
                rule(sg, "protocol", "tcp", "port_range_min", 2, "port_range_max", 2)));
        assertEquals(2, created.size());
        assertError(400, "SecurityGroupInvalidPortRange", null, () -> f.ruleHandler.createBulk(ADMIN, List.of(
                rule(sg, "protocol", "tcp", "port_range_min", 3, "port_range_max", 3),
                rule(sg, "protocol", "tcp", "port_range_min", 9, "port_range_max", 7))));
        assertError(409, "DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST.",
                () -> f.ruleHandler.createBulk(ADMIN, List.of(rule(sg, "protocol", "udp"), rule(sg, "protocol",
                        "17"))));
        String other = f.group("p1", "other");
        assertError(400, "SecurityGroupNotSingleGroupRules",
                "Only allowed to update rules for one security profile at a time",
                () -> f.ruleHandler.createBulk(ADMIN, List.of(rule(sg, "protocol", "udp"), rule(other))));
        assertError(400, "SecurityGroupRulesNotSingleTenant",
                "Multiple tenant_ids in bulk security group rule create not allowed",
                () -> f.ruleHandler.createBulk(ADMIN, List.of(rule(sg, "protocol", "udp"),
                        rule(sg, "protocol", "tcp", "tenant_id", "p9", "project_id", "p9"))));
        // 2 egress + 2 created: nothing of the failed requests stayed
        assertEquals(4, ((List<?>) f.groupHandler.get(ADMIN, sg).get("security_group_rules")).size());
    }

    @Test
    public void unknownRule() {
        String message = "Security group rule " + UNKNOWN + " does not exist";
        assertError(404, "SecurityGroupRuleNotFound", message, () -> f.ruleHandler.get(ADMIN, UNKNOWN));
        assertError(404, "SecurityGroupRuleNotFound", message, () -> f.ruleHandler.delete(ADMIN, UNKNOWN));
    }

    @Test
    public void deleteRemovesTheRuleAndRevisesTheGroup() {
        String id = (String) f.createRule(sg, "protocol", "udp").get("id");
        f.ruleHandler.delete(ADMIN, id);
        Map<String, Object> group = f.groupHandler.get(ADMIN, sg);
        assertEquals(2, ((List<?>) group.get("security_group_rules")).size());
        assertEquals(3L, group.get("revision_number"));
        assertError(404, "SecurityGroupRuleNotFound", null, () -> f.ruleHandler.get(ADMIN, id));
    }

    @Test
    public void updateChangesTheDescription() {
        String id = (String) f.createRule(sg, "protocol", "udp").get("id");
        Map<String, Object> updated = f.ruleHandler.update(ADMIN, id, Map.of("description", "dns"));
        assertEquals("dns", updated.get("description"));
        assertEquals(1L, updated.get("revision_number"));
    }

    @Test
    public void listFiltersAndSorts() {
        f.createRule(sg, "protocol", "udp");
        f.createRule(sg, "protocol", "tcp");
        List<Map<String, Object>> tcp = f.ruleHandler.list(ADMIN, new ListQuery(Map.of("protocol", List.of("tcp")),
                List.of(new SortKey("id", true)), 0, null, false));
        assertEquals(1, tcp.size());
        List<Map<String, Object>> ofGroup = f.ruleHandler.list(ADMIN, new ListQuery(
                Map.of("security_group_id", List.of(sg)), List.of(new SortKey("direction", true),
                        new SortKey("id", true)), 0, null, false));
        assertEquals(4, ofGroup.size());
        assertEquals("egress", ofGroup.get(0).get("direction"));
        assertEquals("ingress", ofGroup.get(3).get("direction"));
    }

    @Test
    public void concurrentDuplicatesLeaveOneRule() throws Exception {
        int n = 6;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<String> call = () -> {
                    start.await();
                    try {
                        return (String) f.createRule(sg, "protocol", "tcp", "port_range_min", 443,
                                "port_range_max", 443).get("id");
                    } catch (NeutronException e) {
                        return e.type();
                    }
                };
                results.add(pool.submit(call));
            }
            int created = 0;
            for (Future<String> r : results) {
                String outcome = r.get();
                if (!outcome.equals("SecurityGroupRuleExists")) {
                    created++;
                }
            }
            assertEquals(1, created);
            assertTrue(f.ruleHandler.list(ADMIN, new ListQuery(Map.of("port_range_min", List.of(443)),
                    List.of(new SortKey("id", true)), 0, null, false)).size() == 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
