package org.nucleon.internal.policy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;

/** oslo.policy's rule language and Neutron's checks, one construct at a time. */
public class RuleParserTest {
    private static final RequestContext ALICE = new RequestContext("project-a", "alice", List.of("Member", "reader"),
            false, "req-1");

    /** Parent resources the checks may look up, by member and id. */
    private final Map<String, Map<String, Object>> parents = new HashMap<>();
    private int lookups;

    private final Evaluation.Environment env = new Evaluation.Environment() {
        @Override
        public Map<String, Object> find(String member, String id) {
            lookups++;
            return parents.get(member + "/" + id);
        }

        @Override
        public Object convert(String collection, String attribute, String value) {
            return attribute.equals("shared") ? Boolean.valueOf(value.equalsIgnoreCase("true")) : value;
        }
    };

    private boolean eval(String rule, Map<String, Object> target) {
        return eval(Map.of(), rule, target);
    }

    /** The rule, with named rules beside it, for ALICE on the target. */
    private boolean eval(Map<String, String> named, String rule, Map<String, Object> target) {
        Map<String, String> all = new LinkedHashMap<>(named);
        all.put("under_test", rule);
        PolicyRules rules = PolicyRules.defaults().with(all);
        return new Evaluation(rules, Credentials.of(ALICE), env).test(RuleParser.parse(rule), new HashMap<>(target));
    }

    private static Map<String, Object> target(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    public void constantsAndTheEmptyRule() {
        assertTrue(eval("@", Map.of()));
        assertFalse(eval("!", Map.of()));
        assertTrue(eval("", Map.of()));
        assertTrue(eval("   ", Map.of()));
    }

    @Test
    public void rolesMatchWhateverTheirCase() {
        assertTrue(eval("role:member", Map.of()));
        assertTrue(eval("role:READER", Map.of()));
        assertFalse(eval("role:admin", Map.of()));
        // the role name may come from the target
        assertTrue(eval("role:%(needed)s", target("needed", "reader")));
        assertFalse(eval("role:%(needed)s", Map.of()));
    }

    @Test
    public void andBindsTighterThanOrAndNotTighterStill() {
        assertTrue(eval("role:admin or role:member and role:reader", Map.of()));
        assertFalse(eval("(role:admin or role:member) and role:nobody", Map.of()));
        assertTrue(eval("role:nobody and role:member or role:reader", Map.of()));
        assertTrue(eval("not role:admin and role:member", Map.of()));
        assertFalse(eval("not (role:admin or role:member)", Map.of()));
        assertTrue(eval("not not role:member", Map.of()));
        assertTrue(eval("((role:member))", Map.of()));
        // keywords in any case, as oslo.policy lowers them
        assertTrue(eval("role:admin OR role:member AND NOT role:nobody", Map.of()));
    }

    @Test
    public void parsedRulesRenderAsOsloPolicyDoes() {
        assertEquals("(role:a or (role:b and role:c))", RuleParser.parse("role:a or role:b and role:c").toString());
        assertEquals("(role:a and (role:b and role:c))", RuleParser.parse("role:a and (role:b and role:c)")
                .toString());
        assertEquals("not rule:x", RuleParser.parse("not rule:x").toString());
        assertEquals("field:networks:shared:True", RuleParser.parse("field:networks:shared=True").toString());
    }

    @Test
    public void genericChecksCompareCredentialsWithTheSubstitutedTarget() {
        assertTrue(eval("project_id:%(project_id)s", target("project_id", "project-a")));
        assertFalse(eval("project_id:%(project_id)s", target("project_id", "project-b")));
        // a key the target lacks fails the check (oslo's KeyError), it is no error
        assertFalse(eval("project_id:%(project_id)s", Map.of()));
        assertTrue(eval("user_id:alice", Map.of()));
        assertTrue(eval("is_admin:False", Map.of()));
        assertFalse(eval("is_admin:True", Map.of()));
        // a list credential matches any of its values
        assertTrue(eval("roles:reader", Map.of()));
        // a literal kind compares with the substituted match
        assertTrue(eval("True:%(shared)s", target("shared", true)));
        assertFalse(eval("True:%(shared)s", target("shared", false)));
        assertTrue(eval("'x':%(name)s", target("name", "x")));
    }

    @Test
    public void ownerChecksLookTheParentUpOnceThroughItsForeignKey() {
        parents.put("network/n1", target("id", "n1", "tenant_id", "project-a"));
        parents.put("network/n2", target("id", "n2", "tenant_id", "project-b"));
        assertTrue(eval("tenant_id:%(tenant_id)s", target("tenant_id", "project-a")));
        assertFalse(eval("tenant_id:%(tenant_id)s", target("tenant_id", "project-b")));
        assertTrue(eval("tenant_id:%(network:tenant_id)s", target("network_id", "n1", "tenant_id", "project-b")));
        assertFalse(eval("tenant_id:%(network:tenant_id)s", target("network_id", "n2", "tenant_id", "project-a")));
        // a missing parent or foreign key fails
        assertFalse(eval("tenant_id:%(network:tenant_id)s", target("network_id", "gone")));
        assertFalse(eval("tenant_id:%(network:tenant_id)s", target("tenant_id", "project-a")));
        assertFalse(eval("tenant_id:%(router:tenant_id)s", target("router_id", "r1")));
        lookups = 0;
        Evaluation ev = new Evaluation(PolicyRules.defaults(), Credentials.of(ALICE), env);
        Check c = RuleParser.parse("tenant_id:%(network:tenant_id)s");
        assertTrue(ev.test(c, target("network_id", "n1")));
        assertTrue(ev.test(c, target("network_id", "n1")));
        assertEquals("one lookup per parent and evaluation", 1, lookups);
    }

    @Test
    public void ownerChecksNeedASubstitution() {
        try {
            RuleParser.parse("tenant_id:project-a");
            fail("an owner check without %(field)s is refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("%(<field_name>)s"));
        }
    }

    @Test
    public void fieldChecksConvertTheValueAndMatchRegularExpressions() {
        assertTrue(eval("field:networks:shared=True", target("shared", true)));
        assertFalse(eval("field:networks:shared=True", target("shared", false)));
        assertFalse(eval("field:networks:shared=True", Map.of()));
        assertTrue(eval("field:networks:router:external=True", target("router:external", "True")));
        assertTrue(eval("field:port:device_owner=~^network:", target("device_owner", "network:dhcp")));
        assertFalse(eval("field:port:device_owner=~^network:", target("device_owner", "compute:nova")));
        assertFalse(eval("field:port:device_owner=~^network:", target("device_owner", "")));
        assertTrue(eval("not field:port:device_owner=~^network:", target("device_owner", "compute:nova")));
        assertTrue(eval("field:rbac_policy:target_tenant=*", target("target_tenant", "*")));
        // a port or subnet is shared as its network is
        parents.put("network/n1", target("id", "n1", "shared", true));
        assertTrue(eval("field:networks:shared=True", target("network_id", "n1")));
        assertFalse(eval("field:networks:shared=True", target("network_id", "n2")));
    }

    @Test
    public void rulesReferToRulesAndAnUndefinedOneIsTheDefaultRule() {
        Map<String, String> named = Map.of("is_member", "role:member", "loop", "rule:loop");
        assertTrue(eval(named, "rule:is_member", Map.of()));
        // "default" is admin_or_owner
        assertTrue(eval(named, "rule:no_such_rule", target("tenant_id", "project-a")));
        assertFalse(eval(named, "rule:no_such_rule", target("tenant_id", "project-b")));
        assertFalse("a rule that refers to itself fails", eval(named, "rule:loop", Map.of()));
    }

    @Test
    public void rulesThatCannotBeUnderstoodAreRefused() {
        for (String bad : List.of("role:a or", "(role:a", "role:a)", "and role:a", "noColon", "role:a role:b",
                "'quoted'", "http://example.com/check", "field:networks", "not")) {
            try {
                RuleParser.parse(bad);
                fail("parsed: " + bad);
            } catch (IllegalArgumentException expected) {
                // reported by PolicyRules as a problem
            }
        }
    }

    @Test
    public void tokensShedTheirParentheses() {
        assertEquals(List.of("(", "(", "role:a", ")", "or", "role:b", ")"),
                RuleParser.tokenize("((role:a) or role:b)"));
    }
}
