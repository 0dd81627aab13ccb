package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Two projects behind Keystone with Neutron's default policy: project A's networks, subnets,
 * ports, routers, floating IPs, security groups, QoS policies and metering labels are invisible
 * to project B and cannot be changed by it, whatever the list filters, fields and pagination
 * markers, unless they are shared; members cannot set provider:*, router:external or shared.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IsolationIT extends NucleonKarafTestSupport {

    @Configuration
    public Option[] config() {
        List<Option> o = baseOptions();
        o.addAll(Keystone.options("https://keystone.example/identity/v3"));
        return o.toArray(Option[]::new);
    }

    private Http api;
    private Map<String, String> admin;
    private Map<String, String> alice;
    private Map<String, String> bob;
    private String projectA;
    private String projectB;

    @Before
    public void tokens() throws Exception {
        admin = Keystone.token("admin", "secretadmin", "admin").header();
        Keystone.Token a = Keystone.token("alice", "secretalice", "project-a");
        alice = a.header();
        projectA = a.projectId();
        Keystone.Token b = Keystone.token("bob", "secretbob", "project-b");
        bob = b.header();
        projectB = b.projectId();
        api = new Http("http://127.0.0.1:" + System.getProperty("nucleon.test.http.port"));
        assertTrue("Nucleon did not serve the resources to an admin token within 60 s", Http.await(60_000, () ->
                api.send("GET", "/v2.0/metering/metering-labels", null, admin).status() == 200
                        && api.send("GET", "/v2.0/qos/policies", null, admin).status() == 200
                        && api.send("GET", "/v2.0/floatingips", null, admin).status() == 200));
    }

    private Http.Answer send(Map<String, String> who, String method, String path, String body) throws Exception {
        return api.send(method, path, body, who);
    }

    private String create(Map<String, String> who, String collection, String member, String attributes)
            throws Exception {
        Http.Answer a = send(who, "POST", collection, "{\"" + member + "\": {" + attributes + "}}");
        assertEquals(a.text(), 201, a.status());
        return (String) ((Map<?, ?>) a.map().get(member)).get("id");
    }

    @SuppressWarnings("unchecked")
    private List<Object> ids(Map<String, String> who, String path, String key) throws Exception {
        Http.Answer a = send(who, "GET", path, null);
        assertEquals(a.text(), 200, a.status());
        List<Object> out = new ArrayList<>();
        ((List<Map<String, Object>>) a.map().get(key)).forEach(i -> out.add(i.get("id")));
        return out;
    }

    private static void assertError(Http.Answer a, int status, String type) {
        assertEquals(a.text(), status, a.status());
        assertEquals(a.text(), type, a.errorType());
    }

    private static String message(Http.Answer a) {
        return String.valueOf(((Map<?, ?>) a.map().get("NeutronError")).get("message"));
    }

    /**
     * B finds no trace of the item: not in lists (also by id, with fields, or after it as a
     * marker), not shown, not updated, not deleted; its owner still sees it, unchanged.
     */
    private void invisibleToB(String collection, String key, String member, String id, String notFound,
            String update) throws Exception {
        assertFalse(ids(bob, collection, key).contains(id));
        assertEquals(List.of(), ids(bob, collection + "?id=" + id, key));
        assertEquals(List.of(), ids(bob, collection + "?id=" + id + "&fields=id&fields=name", key));
        assertError(send(bob, "GET", collection + "?limit=1&marker=" + id, null), 404, notFound);
        assertError(send(bob, "GET", collection + "/" + id, null), 404, notFound);
        assertError(send(bob, "GET", collection + "/" + id + "?fields=id", null), 404, notFound);
        assertError(send(bob, "PUT", collection + "/" + id, "{\"" + member + "\": {" + update + "}}"), 404, notFound);
        assertError(send(bob, "DELETE", collection + "/" + id, null), 404, notFound);
        assertEquals(200, send(admin, "GET", collection + "/" + id, null).status());
        assertTrue(ids(admin, collection + "?id=" + id, key).contains(id));
    }

    @Test
    public void projectAsCoreResourcesAreNotThereForB() throws Exception {
        String net = create(alice, "/v2.0/networks", "network", "\"name\": \"a-net\"");
        String subnet = create(alice, "/v2.0/subnets", "subnet", "\"network_id\": \"" + net + "\", "
                + "\"ip_version\": 4, \"cidr\": \"10.31.0.0/24\"");
        String port = create(alice, "/v2.0/ports", "port", "\"network_id\": \"" + net + "\"");
        String group = create(alice, "/v2.0/security-groups", "security_group", "\"name\": \"a-sg\"");
        Http.Answer missing = send(bob, "GET", "/v2.0/networks/" + net, null);
        assertEquals("Network " + net + " could not be found.", message(missing));
        invisibleToB("/v2.0/networks", "networks", "network", net, "NetworkNotFound", "\"name\": \"b\"");
        invisibleToB("/v2.0/subnets", "subnets", "subnet", subnet, "SubnetNotFound", "\"name\": \"b\"");
        invisibleToB("/v2.0/ports", "ports", "port", port, "PortNotFound", "\"name\": \"b\"");
        invisibleToB("/v2.0/security-groups", "security_groups", "security_group", group, "SecurityGroupNotFound",
                "\"name\": \"b\"");
        // nor may B put a port on A's network
        assertError(send(bob, "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}"), 404,
                "NetworkNotFound");
        assertEquals(List.of(net), ids(alice, "/v2.0/networks?id=" + net, "networks"));
        assertEquals("a-net", ((Map<?, ?>) send(alice, "GET", "/v2.0/networks/" + net, null).map().get("network"))
                .get("name"));
    }

    @Test
    public void projectAsRoutersAndFloatingIpsAreNotThereForB() throws Exception {
        String external = create(admin, "/v2.0/networks", "network", "\"name\": \"public\", "
                + "\"router:external\": true");
        create(admin, "/v2.0/subnets", "subnet", "\"network_id\": \"" + external + "\", \"ip_version\": 4, "
                + "\"cidr\": \"172.24.8.0/24\"");
        String router = create(alice, "/v2.0/routers", "router", "\"name\": \"a-router\"");
        String fip = create(alice, "/v2.0/floatingips", "floatingip", "\"floating_network_id\": \"" + external
                + "\"");
        invisibleToB("/v2.0/routers", "routers", "router", router, "RouterNotFound", "\"name\": \"b\"");
        invisibleToB("/v2.0/floatingips", "floatingips", "floatingip", fip, "FloatingIPNotFound",
                "\"description\": \"b\"");
        // B sees the external network, but it is not B's to change
        assertTrue(ids(bob, "/v2.0/networks", "networks").contains(external));
        assertError(send(bob, "PUT", "/v2.0/networks/" + external, "{\"network\": {\"name\": \"mine\"}}"), 403,
                "PolicyNotAuthorized");
        assertError(send(bob, "PUT", "/v2.0/routers/" + router + "/add_router_interface",
                "{\"subnet_id\": \"x\"}"), 404, "RouterNotFound");
    }

    @Test
    public void projectAsQosPoliciesAndMeteringLabelsAreNotThereForB() throws Exception {
        // only admins create them, for any project
        String policy = create(admin, "/v2.0/qos/policies", "policy", "\"name\": \"a-qos\", \"tenant_id\": \""
                + projectA + "\"");
        String shared = create(admin, "/v2.0/qos/policies", "policy", "\"name\": \"a-shared\", \"shared\": true, "
                + "\"tenant_id\": \"" + projectA + "\"");
        String label = create(admin, "/v2.0/metering/metering-labels", "metering_label", "\"name\": \"a-label\", "
                + "\"tenant_id\": \"" + projectA + "\"");
        invisibleToB("/v2.0/qos/policies", "policies", "policy", policy, "QosPolicyNotFound", "\"name\": \"b\"");
        invisibleToB("/v2.0/metering/metering-labels", "metering_labels", "metering_label", label,
                "MeteringLabelNotFound", "");
        assertTrue(ids(bob, "/v2.0/qos/policies", "policies").contains(shared));
        assertError(send(bob, "PUT", "/v2.0/qos/policies/" + shared, "{\"policy\": {\"name\": \"b\"}}"), 403,
                "PolicyNotAuthorized");
        assertError(send(alice, "POST", "/v2.0/qos/policies", "{\"policy\": {\"name\": \"mine\"}}"), 403,
                "PolicyNotAuthorized");
        assertTrue(ids(alice, "/v2.0/qos/policies", "policies").contains(policy));
    }

    /**
     * Neutron's RBAC on QoS policies: one A shares with B alone is B's to see (shared as B sees
     * it) and to put on its networks, and A cannot take it back while B uses it.
     */
    @Test
    public void aQosPolicySharedWithBAloneIsBsToSeeAndUse() throws Exception {
        String policy = create(admin, "/v2.0/qos/policies", "policy", "\"name\": \"a-for-b\", \"tenant_id\": \""
                + projectA + "\"");
        String path = "/v2.0/qos/policies/" + policy;
        assertError(send(bob, "GET", path, null), 404, "QosPolicyNotFound");
        String grant = "\"object_type\": \"qos_policy\", \"object_id\": \"" + policy + "\", "
                + "\"action\": \"access_as_shared\", \"target_tenant\": \"" + projectB + "\"";
        assertError(send(bob, "POST", "/v2.0/rbac-policies", "{\"rbac_policy\": {" + grant + "}}"), 400,
                "InvalidInput");
        assertError(send(alice, "POST", "/v2.0/rbac-policies", "{\"rbac_policy\": {"
                + grant.replace("qos_policy", "qos_policies") + "}}"), 400, "InvalidInput");
        String rbac = create(alice, "/v2.0/rbac-policies", "rbac_policy", grant);

        assertEquals(true, ((Map<?, ?>) send(bob, "GET", path, null).map().get("policy")).get("shared"));
        assertEquals("not shared with A's own project", false,
                ((Map<?, ?>) send(alice, "GET", path, null).map().get("policy")).get("shared"));
        assertTrue(ids(bob, "/v2.0/qos/policies?shared=true", "policies").contains(policy));
        assertFalse(ids(alice, "/v2.0/qos/policies?shared=true", "policies").contains(policy));
        String net = create(bob, "/v2.0/networks", "network", "\"name\": \"b-qos\", \"qos_policy_id\": \""
                + policy + "\"");
        assertError(send(alice, "DELETE", "/v2.0/rbac-policies/" + rbac, null), 409, "RbacPolicyInUse");
        assertEquals(204, send(bob, "DELETE", "/v2.0/networks/" + net, null).status());
        assertEquals(204, send(alice, "DELETE", "/v2.0/rbac-policies/" + rbac, null).status());
        assertError(send(bob, "GET", path, null), 404, "QosPolicyNotFound");
        assertError(send(bob, "POST", "/v2.0/networks", "{\"network\": {\"qos_policy_id\": \"" + policy + "\"}}"),
                404, "QosPolicyNotFound");

        // its RBAC policies go with the QoS policy
        create(alice, "/v2.0/rbac-policies", "rbac_policy", grant);
        assertEquals(204, send(admin, "DELETE", path, null).status());
        assertEquals(List.of(), ids(admin, "/v2.0/rbac-policies?object_id=" + policy, "rbac_policies"));
    }

    @Test
    public void sharedNetworksAreSeenByAllButChangedByNone() throws Exception {
        String shared = create(admin, "/v2.0/networks", "network", "\"name\": \"shared\", \"shared\": true, "
                + "\"tenant_id\": \"" + projectA + "\"");
        String subnet = create(admin, "/v2.0/subnets", "subnet", "\"network_id\": \"" + shared + "\", "
                + "\"ip_version\": 4, \"cidr\": \"10.32.0.0/24\", \"tenant_id\": \"" + projectA + "\"");
        assertTrue(ids(bob, "/v2.0/networks?shared=true", "networks").contains(shared));
        assertTrue(ids(bob, "/v2.0/subnets", "subnets").contains(subnet));
        Http.Answer update = send(bob, "PUT", "/v2.0/networks/" + shared, "{\"network\": {\"name\": \"b\"}}");
        assertError(update, 403, "PolicyNotAuthorized");
        assertEquals("rule:update_network is disallowed by policy", message(update));
        assertError(send(bob, "DELETE", "/v2.0/networks/" + shared, null), 403, "PolicyNotAuthorized");
        // B may plug a port into it, which its owner then sees
        String port = create(bob, "/v2.0/ports", "port", "\"network_id\": \"" + shared + "\"");
        assertTrue(ids(alice, "/v2.0/ports?network_id=" + shared, "ports").contains(port));
        Map<?, ?> seen = (Map<?, ?>) send(bob, "GET", "/v2.0/networks/" + shared, null).map().get("network");
        assertFalse("provider attributes are for admins", seen.containsKey("provider:network_type"));
    }

    @Test
    public void membersCannotSetProviderExternalOrShared() throws Exception {
        Http.Answer provider = send(alice, "POST", "/v2.0/networks", "{\"network\": {\"provider:network_type\": "
                + "\"vlan\", \"provider:physical_network\": \"physnet1\", \"provider:segmentation_id\": 1234}}");
        assertError(provider, 403, "PolicyNotAuthorized");
        assertEquals("(((rule:create_network and rule:create_network:provider:network_type) and "
                + "rule:create_network:provider:physical_network) and rule:create_network:provider:segmentation_id) "
                + "is disallowed by policy", message(provider));
        assertError(send(alice, "POST", "/v2.0/networks", "{\"network\": {\"router:external\": true}}"), 403,
                "PolicyNotAuthorized");
        assertError(send(alice, "POST", "/v2.0/networks", "{\"network\": {\"shared\": true}}"), 403,
                "PolicyNotAuthorized");
        String net = create(alice, "/v2.0/networks", "network", "\"name\": \"plain\", \"shared\": false");
        Http.Answer share = send(alice, "PUT", "/v2.0/networks/" + net, "{\"network\": {\"shared\": true}}");
        assertError(share, 403, "PolicyNotAuthorized");
        assertEquals("(rule:update_network and rule:update_network:shared) is disallowed by policy", message(share));
        assertEquals(200, send(admin, "PUT", "/v2.0/networks/" + net, "{\"network\": {\"shared\": true}}").status());
    }
}
