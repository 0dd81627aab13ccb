package org.nucleon.qos.binding;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.nucleon.qos.QosFixture.ADMIN;
import static org.nucleon.qos.QosFixture.expect;
import static org.nucleon.qos.QosFixture.member;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.Test;
import org.nucleon.qos.QosFixture;

public class PolicyBindingsTest {
    private static final String NET = "11111111-1111-1111-1111-111111111111";
    private static final String PORT = "22222222-2222-2222-2222-222222222222";
    private static final String MISSING = "00000000-0000-0000-0000-000000000000";
    private final QosFixture f = new QosFixture();
    private final TestBindings b = f.bindings;

    @After
    public void close() {
        f.close();
    }

    private static Map<String, Object> request(String policyId) {
        Map<String, Object> r = new HashMap<>();
        r.put("qos_policy_id", policyId);
        return r;
    }

    private void network(String id, String policyId) {
        b.created(ADMIN, "network", id, Map.of("id", id, "tenant_id", "fake_project_id"), request(policyId));
    }

    @Test
    public void networkAndPortShowTheirPolicies() {
        String pid = f.policy();
        network(NET, pid);
        assertEquals(pid, b.network(NET).get("qos_policy_id"));
        b.created(ADMIN, "port", PORT, Map.of("id", PORT), request(null));
        Map<String, Object> port = b.port(PORT, NET);
        assertNull(port.get("qos_policy_id"));
        assertEquals(pid, port.get("qos_network_policy_id"));
        b.updated(ADMIN, "port", PORT, request(pid));
        assertEquals(pid, b.port(PORT, NET).get("qos_policy_id"));
        b.updated(ADMIN, "network", NET, request(null));
        assertNull(b.network(NET).get("qos_policy_id"));
        // an update that does not name the policy keeps it
        b.updated(ADMIN, "port", PORT, Map.of("name", "x"));
        assertEquals(pid, b.port(PORT, NET).get("qos_policy_id"));
    }

    /**
     * A page's policies: by its id range when the range holds few other bindings, by IN lists when it holds
     * many (a filtered page); the same answer either way, and only the page's resources in it.
     */
    @Test
    public void aPageOfResourcesGetsItsPoliciesAndNoOthers() {
        String pid = f.policy();
        String other = f.policy();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        Collections.sort(ids);
        Map<String, String> policyOf = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            policyOf.put(ids.get(i), i % 3 == 0 ? pid : other);
            network(ids.get(i), policyOf.get(ids.get(i)));
        }
        // a dense page: 100 consecutive ids, read by their range
        List<String> dense = ids.subList(100, 200);
        Map<String, String> expected = new HashMap<>();
        dense.forEach(id -> expected.put(id, policyOf.get(id)));
        assertEquals(expected, f.jpa.txExpr(em -> Bindings.policiesOf(em, dense)));
        // a spread-out page: every fifth id, whose range holds nearly 400 bindings, more than twice 80
        List<String> spread = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 5) {
            spread.add(ids.get(i));
        }
        expected.clear();
        spread.forEach(id -> expected.put(id, policyOf.get(id)));
        assertEquals(expected, f.jpa.txExpr(em -> Bindings.policiesOf(em, spread)));
    }

    @Test
    public void unknownPolicyVetoes() {
        var e = expect(404, "QosPolicyNotFound", () -> network(NET, MISSING));
        assertEquals("QoS policy " + MISSING + " could not be found.", e.getMessage());
        String hidden = f.policy("tenant_id", "p2", "project_id", "p2");
        expect(404, "QosPolicyNotFound", () -> b.created(member("p1"), "port", PORT, Map.of("id", PORT),
                request(hidden)));
        assertNull(b.port(PORT, NET).get("qos_policy_id"));
    }

    @Test
    public void policyInUseCannotBeDeleted() {
        String pid = f.policy();
        network(NET, pid);
        var e = expect(409, "QosPolicyInUse", () -> f.policies.delete(ADMIN, pid));
        assertEquals("QoS Policy " + pid + " is used by network " + NET + ".", e.getMessage());
        b.deleted(ADMIN, "network", NET);
        b.created(ADMIN, "port", PORT, Map.of("id", PORT), request(pid));
        e = expect(409, "QosPolicyInUse", () -> f.policies.delete(ADMIN, pid));
        assertEquals("QoS Policy " + pid + " is used by port " + PORT + ".", e.getMessage());
        b.deleted(ADMIN, "port", PORT);
        f.policies.delete(ADMIN, pid);
        expect(404, "QosPolicyNotFound", () -> f.policies.get(ADMIN, pid));
    }

    @Test
    public void newNetworkGetsItsProjectsDefaultPolicy() {
        String def = f.policy("is_default", true);
        network(NET, null);
        assertEquals(def, b.network(NET).get("qos_policy_id"));
        // not ports, nor networks of other projects
        b.created(ADMIN, "port", PORT, Map.of("id", PORT), request(null));
        assertNull(b.port(PORT, NET).get("qos_policy_id"));
        String other = "33333333-3333-3333-3333-333333333333";
        b.created(ADMIN, "network", other, Map.of("id", other, "tenant_id", "p2"), request(null));
        assertNull(b.network(other).get("qos_policy_id"));
    }
}
