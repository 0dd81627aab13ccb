package org.nucleon.qos.policy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nucleon.qos.QosFixture.ADMIN;
import static org.nucleon.qos.QosFixture.expect;
import static org.nucleon.qos.QosFixture.member;
import static org.nucleon.qos.QosFixture.policyBody;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.qos.QosFixture;
import org.nucleon.qos.TestRbac;
import org.nucleon.qos.rule.RuleType;

public class PolicyHandlerTest {
    private final QosFixture f = new QosFixture();

    @After
    public void close() {
        f.close();
    }

    @Test
    public void createdPolicyIsShownAsNeutronsAtRevisionZero() {
        Map<String, Object> p = f.policies.create(ADMIN, policyBody("name", "bw-limiter", "description", "limit"));
        assertEquals("bw-limiter", p.get("name"));
        assertEquals("limit", p.get("description"));
        assertEquals(false, p.get("shared"));
        assertEquals(false, p.get("is_default"));
        assertEquals(List.of(), p.get("rules"));
        assertEquals("fake_project_id", p.get("project_id"));
        assertEquals("fake_project_id", p.get("tenant_id"));
        assertEquals(0L, p.get("revision_number"));
    }

    @Test
    public void oneDefaultPerProject() {
        Map<String, Object> first = f.policies.create(ADMIN, policyBody("is_default", true));
        assertEquals(true, first.get("is_default"));
        var e = expect(409, "QoSPolicyDefaultAlreadyExists", () -> f.policies.create(ADMIN,
                policyBody("is_default", true)));
        assertEquals("A default QoS policy exists for project fake_project_id.", e.getMessage());
        String other = f.policy();
        expect(409, "QoSPolicyDefaultAlreadyExists", () -> f.policies.update(ADMIN, other,
                Map.of("is_default", true)));
        // another project has its own default
        f.policies.create(ADMIN, policyBody("is_default", true, "tenant_id", "p2", "project_id", "p2"));
        // giving the mark up frees it for another policy
        f.policies.update(ADMIN, (String) first.get("id"), Map.of("is_default", false));
        assertEquals(true, f.policies.update(ADMIN, other, Map.of("is_default", true)).get("is_default"));
        assertEquals(false, f.policies.get(ADMIN, (String) first.get("id")).get("is_default"));
    }

    @Test
    public void listIgnoresIsDefaultAsNeutron() {
        String def = f.policy("is_default", true);
        String plain = f.policy();
        assertEquals(List.of(def, plain).stream().sorted().toList(), ids(Map.of("is_default", List.of(true))));
    }

    @Test
    public void changingTheDefaultMarkRevisesThePolicy() {
        String pid = f.policy();
        f.policies.update(ADMIN, pid, Map.of("is_default", true));
        assertEquals(1L, f.policies.get(ADMIN, pid).get("revision_number"));
        f.policies.update(ADMIN, pid, Map.of("is_default", false));
        assertEquals(2L, f.policies.get(ADMIN, pid).get("revision_number"));
    }

    @Test
    public void othersUnsharedPoliciesAreNotFound() {
        String mine = f.policy("tenant_id", "p1", "project_id", "p1");
        String shared = f.policy("tenant_id", "p2", "project_id", "p2", "shared", true);
        String hidden = f.policy("tenant_id", "p2", "project_id", "p2");
        var e = expect(404, "QosPolicyNotFound", () -> f.policies.get(member("p1"), hidden));
        assertEquals("QoS policy " + hidden + " could not be found.", e.getMessage());
        assertEquals(shared, f.policies.get(member("p1"), shared).get("id"));
        expect(404, "QosPolicyNotFound", () -> f.policies.delete(member("p1"), shared));
        List<Object> seen = f.policies.list(member("p1"), ListQuery.all()).stream().map(p -> p.get("id")).toList();
        assertTrue(seen.contains(mine) && seen.contains(shared) && !seen.contains(hidden));
    }

    @Test
    public void deletingTheDefaultFreesTheMark() {
        String def = f.policy("is_default", true);
        f.policies.delete(ADMIN, def);
        expect(404, "QosPolicyNotFound", () -> f.policies.get(ADMIN, def));
        assertEquals(true, f.policies.create(ADMIN, policyBody("is_default", true)).get("is_default"));
    }

    @Test
    public void bindingOfANetworkDeletedMeanwhileDoesNotHoldThePolicy() {
        String net = "11111111-1111-1111-1111-111111111111";
        String pid = f.policy();
        f.bindings.created(ADMIN, "network", net, Map.of("id", net, "tenant_id", "fake_project_id"),
                new HashMap<>(Map.of("qos_policy_id", pid)));
        // without the core plugin nobody can tell: still in use
        expect(409, "QosPolicyInUse", () -> f.policies.delete(ADMIN, pid));
        f.core.networks = new KnownNetworks(Map.of(net, "fake_project_id"));
        expect(409, "QosPolicyInUse", () -> f.policies.delete(ADMIN, pid));
        // deleted while the QoS plugin was not installed to hear of it
        f.core.networks = new KnownNetworks(Map.of());
        f.policies.delete(ADMIN, pid);
        expect(404, "QosPolicyNotFound", () -> f.policies.get(ADMIN, pid));
        assertEquals(null, f.bindings.network(net).get("qos_policy_id"));
    }

    @Test
    public void sharedIsTheOwnersWildcardPolicy() {
        String pid = f.policy("tenant_id", "p1", "project_id", "p1", "shared", true);
        assertEquals(Set.of(new TestRbac.Grant("qos_policy", pid, "access_as_shared", "*")), f.rbac.grants);
        assertEquals(true, f.policies.get(member("p2"), pid).get("shared"));
        f.policies.update(ADMIN, pid, Map.of("shared", false));
        assertEquals(Set.of(), f.rbac.grants);
        assertEquals(false, f.policies.get(ADMIN, pid).get("shared"));
        expect(404, "QosPolicyNotFound", () -> f.policies.get(member("p2"), pid));
        f.rbac.share(pid, "p2");
        f.policies.delete(ADMIN, pid);
        assertEquals("its RBAC policies go with it", Set.of(), f.rbac.grants);
    }

    @Test
    public void aPolicySharedWithOneProjectIsSeenAndUsedByItAlone() {
        String pid = f.policy("tenant_id", "p1", "project_id", "p1");
        f.rbac.share(pid, "p2");
        assertEquals(true, f.policies.get(member("p2"), pid).get("shared"));
        assertEquals(false, f.policies.get(member("p1"), pid).get("shared"));
        assertEquals(false, f.policies.get(ADMIN, pid).get("shared"));
        expect(404, "QosPolicyNotFound", () -> f.policies.get(member("p3"), pid));
        assertEquals(List.of(pid), ids(member("p2"), Map.of("shared", List.of(true))));
        assertEquals(List.of(), ids(member("p2"), Map.of("shared", List.of(false))));
        assertEquals(List.of(), ids(member("p3"), Map.of("shared", List.of(true))));
        assertEquals(List.of(), ids(member("p3"), ListQuery.all().filters()));
        assertEquals(List.of(pid), ids(member("p1"), Map.of("shared", List.of(false))));
        assertEquals(0, f.rules(RuleType.BANDWIDTH_LIMIT, pid).list(member("p2"), ListQuery.all()).size());
        expect(404, "QosPolicyNotFound", () -> f.rules(RuleType.BANDWIDTH_LIMIT, pid).list(member("p3"),
                ListQuery.all()));

        // p2 puts it on its network; p3 cannot put it on its port
        String net = "22222222-2222-2222-2222-222222222222";
        f.bindings.created(member("p2"), "network", net, Map.of("id", net, "tenant_id", "p2"),
                new HashMap<>(Map.of("qos_policy_id", pid)));
        assertEquals(pid, f.bindings.network(net).get("qos_policy_id"));
        String port = "33333333-3333-3333-3333-333333333333";
        expect(404, "QosPolicyNotFound", () -> f.bindings.created(member("p3"), "port", port, Map.of("id", port,
                "tenant_id", "p3"), new HashMap<>(Map.of("qos_policy_id", pid))));
        QosObjectType type = new QosObjectType(f.jpa, f.core);
        assertEquals("p1", type.owner(pid));
        assertEquals("who depends on the grant", Set.of("p2"), type.users(pid, "access_as_shared"));
        assertEquals(Set.of(), type.users(pid, "access_as_external"));
    }

    @Test
    public void aBindingStoredWithoutItsProjectAsksTheCorePlugin() {
        String pid = f.policy("tenant_id", "p1", "project_id", "p1");
        String net = "44444444-4444-4444-4444-444444444444";
        f.bindings.created(ADMIN, "network", net, Map.of("id", net), new HashMap<>(Map.of("qos_policy_id", pid)));
        QosObjectType type = new QosObjectType(f.jpa, f.core);
        assertEquals("unknown without the core plugin", Set.of(), type.users(pid, "access_as_shared"));
        f.core.networks = new KnownNetworks(Map.of(net, "p2"));
        assertEquals(Set.of("p2"), type.users(pid, "access_as_shared"));
    }

    @Test
    public void aSharedFlagFromBeforeRbacBecomesTheWildcardPolicyOnce() {
        String pid = f.policy("tenant_id", "p1", "project_id", "p1");
        f.jpa.tx(TransactionType.Required, em -> {
            em.find(PolicyEntity.class, pid).legacyShared = true;
        });
        new PolicyHandler(f.jpa, f.rbac, f.core);
        assertEquals(true, f.policies.get(member("p2"), pid).get("shared"));
        f.policies.update(ADMIN, pid, Map.of("shared", false));
        new PolicyHandler(f.jpa, f.rbac, f.core);
        assertEquals("the flag was cleared: unsharing sticks", false, f.policies.get(ADMIN, pid).get("shared"));
    }

    private List<Object> ids(Map<String, List<Object>> filters) {
        return ids(ADMIN, filters);
    }

    private List<Object> ids(RequestContext context, Map<String, List<Object>> filters) {
        return f.policies.list(context, new ListQuery(filters, List.of(new SortKey("id", true)), 0, null, false))
                .stream().map(p -> p.get("id")).toList();
    }
}
