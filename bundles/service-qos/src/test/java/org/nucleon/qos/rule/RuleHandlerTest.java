package org.nucleon.qos.rule;

import static org.junit.Assert.assertEquals;
import static org.nucleon.qos.QosFixture.ADMIN;
import static org.nucleon.qos.QosFixture.body;
import static org.nucleon.qos.QosFixture.expect;
import static org.nucleon.qos.QosFixture.member;

import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.qos.QosFixture;

public class RuleHandlerTest {
    private static final String MISSING = "00000000-0000-0000-0000-000000000000";
    private final QosFixture f = new QosFixture();

    @After
    public void close() {
        f.close();
    }

    private static Map<String, Object> limit(int maxKbps, String direction) {
        return body("max_kbps", maxKbps, "max_burst_kbps", 0, "direction", direction);
    }

    @Test
    public void ruleIsShownAloneAndInItsPolicy() {
        String pid = f.policy();
        Map<String, Object> r = f.rules(RuleType.BANDWIDTH_LIMIT, pid).create(ADMIN, body("max_kbps", 10000,
                "max_burst_kbps", 1000, "direction", "egress"));
        assertEquals(List.of("max_kbps", "max_burst_kbps", "direction", "id"), List.copyOf(r.keySet()));
        assertEquals(10000L, r.get("max_kbps"));
        Map<String, Object> p = f.policies.get(ADMIN, pid);
        Map<String, Object> shown = ((List<Map<String, Object>>) p.get("rules")).get(0);
        assertEquals(pid, shown.get("qos_policy_id"));
        assertEquals("bandwidth_limit", shown.get("type"));
        assertEquals(r.get("id"), shown.get("id"));
        assertEquals(1L, p.get("revision_number"));
    }

    @Test
    public void oneRuleOfATypeAndDirectionPerPolicy() {
        String pid = f.policy();
        ResourceHandler limits = f.rules(RuleType.BANDWIDTH_LIMIT, pid);
        String egress = (String) limits.create(ADMIN, limit(100, "egress")).get("id");
        var e = expect(409, "QoSRulesConflict", () -> limits.create(ADMIN, limit(200, "egress")));
        assertEquals("Rule bandwidth_limit conflicts with rule " + egress + " which already exists in QoS Policy "
                + pid + ".", e.getMessage());
        String ingress = (String) limits.create(ADMIN, limit(200, "ingress")).get("id");
        expect(409, "QoSRulesConflict", () -> limits.update(ADMIN, ingress, Map.of("direction", "egress")));
        assertEquals("ingress", limits.get(ADMIN, ingress).get("direction"));
        ResourceHandler dscp = f.rules(RuleType.DSCP_MARKING, pid);
        dscp.create(ADMIN, body("dscp_mark", 8));
        expect(409, "QoSRulesConflict", () -> dscp.create(ADMIN, body("dscp_mark", 10)));
        // types are independent, and so are policies
        f.rules(RuleType.MINIMUM_BANDWIDTH, pid).create(ADMIN, body("min_kbps", 10, "direction", "egress"));
        f.rules(RuleType.BANDWIDTH_LIMIT, f.policy()).create(ADMIN, limit(1, "egress"));
        List<String> types = ((List<Map<String, Object>>) f.policies.get(ADMIN, pid).get("rules")).stream()
                .map(r -> r.get("type") + "/" + r.getOrDefault("direction", "")).toList();
        assertEquals(List.of("bandwidth_limit/egress", "bandwidth_limit/ingress", "dscp_marking/",
                "minimum_bandwidth/egress"), types);
    }

    @Test
    public void missingPolicyComesBeforeMissingRule() {
        String pid = f.policy();
        var e = expect(404, "QosPolicyNotFound", () -> f.rules(RuleType.BANDWIDTH_LIMIT, MISSING).create(ADMIN,
                limit(1, "egress")));
        assertEquals("QoS policy " + MISSING + " could not be found.", e.getMessage());
        expect(404, "QosPolicyNotFound", () -> f.rules(RuleType.BANDWIDTH_LIMIT, MISSING).list(ADMIN,
                ListQuery.all()));
        e = expect(404, "QosRuleNotFound", () -> f.rules(RuleType.BANDWIDTH_LIMIT, pid).get(ADMIN, MISSING));
        assertEquals("QoS rule " + MISSING + " for policy " + pid + " could not be found.", e.getMessage());
        // a rule is found only under its own policy and type
        String rid = (String) f.rules(RuleType.BANDWIDTH_LIMIT, pid).create(ADMIN, limit(1, "egress")).get("id");
        expect(404, "QosRuleNotFound", () -> f.rules(RuleType.BANDWIDTH_LIMIT, f.policy()).get(ADMIN, rid));
        expect(404, "QosRuleNotFound", () -> f.rules(RuleType.DSCP_MARKING, pid).delete(ADMIN, rid));
        // a policy of another project is not there for its members
        expect(404, "QosPolicyNotFound", () -> f.rules(RuleType.BANDWIDTH_LIMIT, pid).get(member("p9"), rid));
    }

    @Test
    public void listAndDeleteUnderThePolicy() {
        String pid = f.policy();
        ResourceHandler limits = f.rules(RuleType.BANDWIDTH_LIMIT, pid);
        String a = (String) limits.create(ADMIN, limit(1, "egress")).get("id");
        limits.create(ADMIN, limit(2, "ingress"));
        f.rules(RuleType.DSCP_MARKING, pid).create(ADMIN, body("dscp_mark", 8));
        assertEquals(2, limits.list(ADMIN, ListQuery.all()).size());
        limits.delete(ADMIN, a);
        assertEquals(1, limits.list(ADMIN, ListQuery.all()).size());
        assertEquals(2, ((List<?>) f.policies.get(ADMIN, pid).get("rules")).size());
        // the policy's rules go with it
        f.policies.delete(ADMIN, pid);
        expect(404, "QosRuleNotFound", () -> f.aliasRules(RuleType.DSCP_MARKING).get(ADMIN, a));
    }

    @Test
    public void aliasReachesARuleByItsIdAlone() {
        String pid = f.policy();
        String rid = (String) f.rules(RuleType.MINIMUM_BANDWIDTH, pid).create(ADMIN, body("min_kbps", 10,
                "direction", "egress")).get("id");
        RuleHandler alias = f.aliasRules(RuleType.MINIMUM_BANDWIDTH);
        assertEquals(10L, alias.get(ADMIN, rid).get("min_kbps"));
        assertEquals(20L, alias.update(ADMIN, rid, Map.of("min_kbps", 20)).get("min_kbps"));
        assertEquals(20L, f.rules(RuleType.MINIMUM_BANDWIDTH, pid).get(ADMIN, rid).get("min_kbps"));
        var e = expect(404, "QosRuleNotFound", () -> f.aliasRules(RuleType.BANDWIDTH_LIMIT).get(ADMIN, rid));
        assertEquals("QoS rule " + rid + " for policy  could not be found.", e.getMessage());
        expect(404, "HTTPNotFound", () -> alias.list(ADMIN, ListQuery.all()));
        expect(404, "HTTPNotFound", () -> alias.create(ADMIN, body("min_kbps", 1)));
        alias.delete(ADMIN, rid);
        assertEquals(List.of(), f.policies.get(ADMIN, pid).get("rules"));
    }
}
