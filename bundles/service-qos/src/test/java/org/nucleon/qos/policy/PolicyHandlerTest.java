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
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.qos.QosFixture;

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
        f.policies.networks = new KnownNetworks(Set.of(net));
        expect(409, "QosPolicyInUse", () -> f.policies.delete(ADMIN, pid));
        // deleted while the QoS plugin was not installed to hear of it
        f.policies.networks = new KnownNetworks(Set.of());
        f.policies.delete(ADMIN, pid);
        expect(404, "QosPolicyNotFound", () -> f.policies.get(ADMIN, pid));
        assertEquals(null, f.bindings.network(net).get("qos_policy_id"));
    }

    private List<Object> ids(Map<String, List<Object>> filters) {
        return f.policies.list(ADMIN, new ListQuery(filters, List.of(new SortKey("id", true)), 0, null, false))
                .stream().map(p -> p.get("id")).toList();
    }
}
