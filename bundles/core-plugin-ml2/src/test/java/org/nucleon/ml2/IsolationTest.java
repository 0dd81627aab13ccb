package org.nucleon.ml2;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nucleon.testsupport.ApiClient.items;
import static org.nucleon.testsupport.ApiClient.member;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.internal.controller.ApiConfig;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;
import org.nucleon.testsupport.ApiClient;

/**
 * Two projects on one ML2 plugin, through the API's own controller and Neutron's default policy,
 * and the handlers' database visibility beneath it: project B neither sees nor changes project
 * A's networks, subnets and ports unless they are shared, whatever the filters, fields and
 * markers; a network's owner sees the ports on it; admins see everything.
 */
public class IsolationTest {
    private static final RequestContext ADMIN = new RequestContext("admin-project", "admin", List.of("admin",
            "member", "reader"), true, "req-admin");
    private static final RequestContext A = new RequestContext("project-a", "alice", List.of("member", "reader"),
            false, "req-a");
    private static final RequestContext B = new RequestContext("project-b", "bob", List.of("member", "reader"),
            false, "req-b");

    private Ml2Fixture f;
    private ApiController api;
    private RequestContext caller;

    @Before
    public void setUp() {
        f = new Ml2Fixture();
        List<String> aliases = List.of("network", "subnet", "port", "provider", "external-net", "binding",
                "port-security", "net-mtu");
        ApiSnapshot snapshot = SnapshotBuilder.build(aliases.stream().map(a -> ApiDefinitions.neutron().extension(a))
                .toList(), Set.copyOf(aliases), Map.of("networks", f.networks, "subnets", f.subnets, "ports", f.ports));
        api = new ApiController(() -> snapshot, () -> ApiConfig.DEFAULTS, (req, id) -> caller,
                PolicyRules::defaults);
    }

    @After
    public void tearDown() {
        f.close();
    }

    private ApiResponse call(RequestContext who, String method, String path, String body) {
        caller = who;
        return new ApiClient(api).call(method, path, body);
    }

    private static List<Object> ids(ApiResponse r, String key) {
        assertEquals(String.valueOf(r.body()), 200, r.status());
        return items(r, key).stream().map(i -> i.get("id")).toList();
    }

    private static void assertError(ApiResponse r, int status, String type, String message) {
        assertEquals(String.valueOf(r.body()), status, r.status());
        Map<String, Object> e = member(r, "NeutronError");
        assertEquals(type, e.get("type"));
        assertEquals(message, e.get("message"));
    }

    private String create(RequestContext who, String member, String collection, String attributes) {
        ApiResponse r = call(who, "POST", "/v2.0/" + collection, "{\"" + member + "\": {" + attributes + "}}");
        assertEquals(String.valueOf(r.body()), 201, r.status());
        return (String) member(r, member).get("id");
    }

    private String network(RequestContext who, String attributes) {
        return create(who, "network", "networks", attributes);
    }

    @Test
    public void anotherProjectsNetworkIsNotThere() {
        String net = network(A, "\"name\": \"a1\"");
        String mine = network(B, "\"name\": \"b1\"");
        String missing = "Network " + net + " could not be found.";
        assertEquals(List.of(mine), ids(call(B, "GET", "/v2.0/networks", ""), "networks"));
        assertEquals(List.of(), ids(call(B, "GET", "/v2.0/networks?id=" + net, ""), "networks"));
        assertEquals(List.of(), ids(call(B, "GET", "/v2.0/networks?name=a1&fields=id", ""), "networks"));
        assertEquals(List.of(), ids(call(B, "GET", "/v2.0/networks?tenant_id=project-a", ""), "networks"));
        assertError(call(B, "GET", "/v2.0/networks/" + net, ""), 404, "NetworkNotFound", missing);
        assertError(call(B, "GET", "/v2.0/networks/" + net + "?fields=id", ""), 404, "NetworkNotFound", missing);
        assertError(call(B, "PUT", "/v2.0/networks/" + net, "{\"network\": {\"name\": \"mine\"}}"), 404,
                "NetworkNotFound", missing);
        assertError(call(B, "DELETE", "/v2.0/networks/" + net, ""), 404, "NetworkNotFound", missing);
        assertError(call(B, "GET", "/v2.0/networks?limit=1&marker=" + net, ""), 404, "NetworkNotFound", missing);
        // nothing changed, and the owner and admins see it
        assertEquals("a1", member(call(A, "GET", "/v2.0/networks/" + net, ""), "network").get("name"));
        assertEquals(List.of(net, mine).stream().sorted().toList(),
                ids(call(ADMIN, "GET", "/v2.0/networks", ""), "networks"));
    }

    @Test
    public void pagesHoldOnlyWhatTheCallerSees() {
        for (int i = 0; i < 3; i++) {
            network(A, "\"name\": \"a" + i + "\"");
        }
        String b1 = network(B, "\"name\": \"b1\"");
        String b2 = network(B, "\"name\": \"b2\"");
        ApiResponse first = call(B, "GET", "/v2.0/networks?limit=1&sort_key=name&sort_dir=asc", "");
        assertEquals(List.of(b1), ids(first, "networks"));
        ApiResponse second = call(B, "GET", "/v2.0/networks?limit=1&sort_key=name&sort_dir=asc&marker=" + b1, "");
        assertEquals(List.of(b2), ids(second, "networks"));
        assertEquals(List.of(), ids(call(B, "GET", "/v2.0/networks?limit=1&sort_key=name&sort_dir=asc&marker=" + b2,
                ""), "networks"));
        assertEquals(List.of(b1), ids(call(B, "GET", "/v2.0/networks?limit=5&sort_key=name&sort_dir=asc&marker=" + b2
                + "&page_reverse=True", ""), "networks"));
    }

    @Test
    public void sharedAndExternalNetworksAreSeenButNotChanged() {
        String shared = network(ADMIN, "\"name\": \"s\", \"tenant_id\": \"project-a\", \"shared\": true");
        String external = network(ADMIN, "\"name\": \"e\", \"tenant_id\": \"project-a\", \"router:external\": true");
        network(A, "\"name\": \"private\"");
        assertEquals(List.of(shared, external).stream().sorted().toList(),
                ids(call(B, "GET", "/v2.0/networks", ""), "networks"));
        assertEquals("s", member(call(B, "GET", "/v2.0/networks/" + shared, ""), "network").get("name"));
        assertError(call(B, "PUT", "/v2.0/networks/" + shared, "{\"network\": {\"name\": \"x\"}}"), 403,
                "PolicyNotAuthorized", "rule:update_network is disallowed by policy");
        assertError(call(B, "DELETE", "/v2.0/networks/" + external, ""), 403, "PolicyNotAuthorized",
                "rule:delete_network is disallowed by policy");
        assertEquals("s", member(call(A, "GET", "/v2.0/networks/" + shared, ""), "network").get("name"));
    }

    @Test
    public void onlyAdminsSetSharedExternalAndProviderAttributes() {
        assertError(call(A, "POST", "/v2.0/networks", "{\"network\": {\"shared\": true}}"), 403,
                "PolicyNotAuthorized", "(rule:create_network and rule:create_network:shared) is disallowed by policy");
        assertError(call(A, "POST", "/v2.0/networks", "{\"network\": {\"router:external\": true}}"), 403,
                "PolicyNotAuthorized", "(rule:create_network and rule:create_network:router:external) is disallowed "
                        + "by policy");
        assertError(call(A, "POST", "/v2.0/networks", "{\"network\": {\"provider:network_type\": \"vlan\", "
                + "\"provider:physical_network\": \"physnet1\"}}"), 403, "PolicyNotAuthorized",
                "((rule:create_network and rule:create_network:provider:network_type) and "
                        + "rule:create_network:provider:physical_network) is disallowed by policy");
        String net = network(A, "\"name\": \"n\", \"shared\": false");
        assertError(call(A, "PUT", "/v2.0/networks/" + net, "{\"network\": {\"shared\": true}}"), 403,
                "PolicyNotAuthorized", "(rule:update_network and rule:update_network:shared) is disallowed by policy");
        assertEquals(false, member(call(A, "GET", "/v2.0/networks/" + net, ""), "network").get("shared"));
        // provider attributes are the admin's to see too
        Map<String, Object> seen = member(call(A, "GET", "/v2.0/networks/" + net, ""), "network");
        assertFalse(seen.toString(), seen.containsKey("provider:network_type"));
        assertTrue(seen.containsKey("router:external"));
        assertFalse(items(call(A, "GET", "/v2.0/networks", ""), "networks").get(0)
                .containsKey("provider:segmentation_id"));
        assertTrue(member(call(ADMIN, "GET", "/v2.0/networks/" + net, ""), "network")
                .containsKey("provider:network_type"));
        assertEquals(1, items(call(A, "GET", "/v2.0/networks", ""), "networks").size());
    }

    @Test
    public void subnetsAndPortsOfAnotherProjectsNetwork() {
        String net = network(A, "\"name\": \"a\"");
        String subnet = create(A, "subnet", "subnets", "\"network_id\": \"" + net + "\", \"ip_version\": 4, "
                + "\"cidr\": \"10.0.0.0/24\"");
        String port = create(A, "port", "ports", "\"network_id\": \"" + net + "\"");
        assertEquals(List.of(), ids(call(B, "GET", "/v2.0/subnets", ""), "subnets"));
        assertEquals(List.of(), ids(call(B, "GET", "/v2.0/ports?network_id=" + net, ""), "ports"));
        assertError(call(B, "GET", "/v2.0/subnets/" + subnet, ""), 404, "SubnetNotFound",
                "Subnet " + subnet + " could not be found.");
        assertError(call(B, "PUT", "/v2.0/ports/" + port, "{\"port\": {\"name\": \"x\"}}"), 404, "PortNotFound",
                "Port " + port + " could not be found.");
        assertError(call(B, "DELETE", "/v2.0/subnets/" + subnet, ""), 404, "SubnetNotFound",
                "Subnet " + subnet + " could not be found.");
        // nor may B put its own ports or subnets on it
        assertError(call(B, "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}"), 404,
                "NetworkNotFound", "Network " + net + " could not be found.");
        assertError(call(B, "POST", "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", "
                + "\"ip_version\": 4, \"cidr\": \"10.1.0.0/24\"}}"), 404, "NetworkNotFound",
                "Network " + net + " could not be found.");
        assertEquals(List.of(port), ids(call(A, "GET", "/v2.0/ports", ""), "ports"));
    }

    @Test
    public void onASharedNetworkOthersPortsAreTheNetworkOwnersToSee() {
        String shared = network(ADMIN, "\"name\": \"s\", \"tenant_id\": \"project-a\", \"shared\": true");
        String subnet = create(ADMIN, "subnet", "subnets", "\"network_id\": \"" + shared + "\", \"ip_version\": 4, "
                + "\"cidr\": \"10.0.0.0/24\", \"tenant_id\": \"project-a\"");
        assertEquals(List.of(subnet), ids(call(B, "GET", "/v2.0/subnets", ""), "subnets"));
        String bobs = create(B, "port", "ports", "\"network_id\": \"" + shared + "\"");
        assertEquals(List.of(bobs), ids(call(A, "GET", "/v2.0/ports", ""), "ports"));
        assertEquals(List.of(bobs), ids(call(B, "GET", "/v2.0/ports", ""), "ports"));
        Map<String, Object> seen = member(call(A, "GET", "/v2.0/ports/" + bobs, ""), "port");
        assertEquals("project-b", seen.get("tenant_id"));
        assertFalse("binding details are the admin's", seen.containsKey("binding:host_id"));
        // B may not pick an address on A's network
        assertError(call(B, "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"" + shared + "\", \"fixed_ips\": "
                + "[{\"ip_address\": \"10.0.0.50\"}]}}"), 403, "PolicyNotAuthorized",
                "(rule:create_port and (rule:create_port:fixed_ips and (rule:create_port:fixed_ips:ip_address))) "
                        + "is disallowed by policy");
        assertError(call(B, "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"" + shared + "\", "
                + "\"binding:host_id\": \"h1\"}}"), 403, "PolicyNotAuthorized",
                "(rule:create_port and rule:create_port:binding:host_id) is disallowed by policy");
    }

    @Test
    public void handlersScopeTheirQueriesThemselves() {
        String a = (String) f.networks.create(ADMIN, Ml2Fixture.body("name", "a", "tenant_id", "project-a",
                "admin_state_up", true, "shared", false)).get("id");
        String s = (String) f.networks.create(ADMIN, Ml2Fixture.body("name", "s", "tenant_id", "project-a",
                "admin_state_up", true, "shared", true)).get("id");
        ListQuery all = new ListQuery(Map.of(), List.of(new SortKey("id", true)), 0, null, false);
        assertEquals(List.of(s), f.networks.list(B, all).stream().map(n -> n.get("id")).toList());
        assertEquals(2, f.networks.list(A, all).size());
        Ml2Fixture.expect("NetworkNotFound", () -> f.networks.get(B, a));
        Ml2Fixture.expect("NetworkNotFound", () -> f.networks.update(B, a, Ml2Fixture.body("name", "x")));
        Ml2Fixture.expect("NetworkNotFound", () -> f.networks.delete(B, a));
        Ml2Fixture.expect("NetworkNotFound", () -> f.networks.list(B, new ListQuery(Map.of(),
                List.of(new SortKey("id", true)), 1, a, false)));
        // an advanced service sees every project's rows, as an admin does
        RequestContext advsvc = new RequestContext("service", "svc", List.of("advsvc"), false, "req-s");
        assertEquals(2, f.networks.list(advsvc, all).size());
        assertEquals("a", f.networks.get(advsvc, a).get("name"));
        // a caller without a project sees nothing of anyone's
        RequestContext none = new RequestContext(null, "u", List.of("member"), false, "req-n");
        assertEquals(List.of(s), f.networks.list(none, all).stream().map(n -> n.get("id")).toList());
    }
}
