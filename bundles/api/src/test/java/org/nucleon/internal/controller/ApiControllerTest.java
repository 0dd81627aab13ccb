package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.RouteMatch;
import org.nucleon.internal.registry.SnapshotBuilder;

/** The generic controller end to end, on Neutron's definitions and in-memory handlers. */
public class ApiControllerTest {
    private static final String BASE = "http://127.0.0.1:9696";
    private static final String GENERIC_400 =
            "The server could not comply with the request since it is either malformed or otherwise incorrect.";
    private static final List<String> ALIASES = List.of("network", "subnet", "subnetpool", "port", "router",
            "external-net");

    private final FakeResourceHandler networks = new FakeResourceHandler("Network");
    private final FakeResourceHandler subnets = new FakeResourceHandler("Subnet");
    private final FakeResourceHandler routers = new FakeResourceHandler("Router");
    private final AtomicReference<ApiSnapshot> current = new AtomicReference<>();
    private final List<ExtensionDescriptor> extraDescriptors = new ArrayList<>();
    private final Map<String, ResourceHandler> extraHandlers = new LinkedHashMap<>();
    private ApiConfig config = ApiConfig.DEFAULTS;
    private final RequestContext ctx = Fixtures.ADMIN;
    private String authenticatedRequestId;
    private ApiController controller;

    @Before
    public void setUp() {
        current.set(build());
        controller = new ApiController(current::get, () -> config, (req, requestId) -> {
            authenticatedRequestId = requestId;
            return ctx;
        }, PolicyRules::defaults);
    }

    private ApiSnapshot build() {
        List<ExtensionDescriptor> ds = new ArrayList<>();
        ALIASES.forEach(a -> ds.add(ApiDefinitions.neutron().extension(a)));
        ds.addAll(extraDescriptors);
        Set<String> supported = new HashSet<>(ALIASES);
        extraDescriptors.forEach(d -> supported.add(d.alias()));
        Map<String, ResourceHandler> handlers = new LinkedHashMap<>();
        handlers.put("networks", networks);
        handlers.put("subnets", subnets);
        handlers.put("subnetpools", new FakeResourceHandler("SubnetPool"));
        handlers.put("ports", new FakeResourceHandler("Port"));
        handlers.put("routers", routers);
        handlers.put("floatingips", new FakeResourceHandler("FloatingIP"));
        handlers.putAll(extraHandlers);
        return SnapshotBuilder.build(ds, supported, handlers);
    }

    private ApiResponse call(String method, String pathAndQuery) {
        return call(method, pathAndQuery, "");
    }

    private ApiResponse call(String method, String pathAndQuery, String body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        ApiRequest req = new ApiRequest(method, BASE, path, QueryString.parse(query), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
        return controller.handle(req, "req-test");
    }

    private static String json(Object body) {
        try {
            return ApiController.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static void assertError(ApiResponse r, int status, String type, String message) {
        assertEquals(json(r.body()), status, r.status());
        Map<String, Object> e = map(map(r.body()).get("NeutronError"));
        assertNotNull(json(r.body()), e);
        assertEquals(type, e.get("type"));
        assertEquals(message, e.get("message"));
        assertEquals("", e.get("detail"));
    }

    private String createNetwork(String name) {
        ApiResponse r = call("POST", "/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}");
        assertEquals(201, r.status());
        return (String) map(map(r.body()).get("network")).get("id");
    }

    // ---- discovery

    @Test
    public void versionsDocumentIsSample001() {
        ApiResponse r = call("GET", "/");
        assertEquals(200, r.status());
        assertEquals("{\"versions\":[{\"id\":\"v2.0\",\"status\":\"CURRENT\",\"links\":[{\"rel\":\"self\","
                + "\"href\":\"http://127.0.0.1:9696/v2.0/\"}]}]}", json(r.body()));
    }

    @Test
    public void resourcesDocumentIsSample002() {
        ApiResponse r = call("GET", "/v2.0/");
        assertEquals(200, r.status());
        StringBuilder expected = new StringBuilder("{\"resources\":[");
        String[][] core = {{"network", "networks"}, {"subnet", "subnets"}, {"subnetpool", "subnetpools"},
            {"port", "ports"}};
        for (int i = 0; i < core.length; i++) {
            expected.append(i > 0 ? "," : "").append("{\"name\":\"").append(core[i][0])
                    .append("\",\"collection\":\"").append(core[i][1]).append("\",\"links\":[{\"rel\":\"self\","
                            + "\"href\":\"http://127.0.0.1:9696/v2.0/").append(core[i][1]).append("\"}]}");
        }
        assertEquals(expected.append("]}").toString(), json(r.body()));
    }

    @Test
    public void extensionShowIsSample004() {
        String expected = "{\"extension\":{\"name\":\"Neutron L3 Router\",\"alias\":\"router\",\"description\":"
                + "\"Router abstraction for basic L3 forwarding between L2 Neutron networks and access to external "
                + "networks via a NAT gateway.\",\"updated\":\"2012-07-20T10:00:00-00:00\",\"links\":[]}}";
        assertEquals(expected, json(call("GET", "/v2.0/extensions/router").body()));
        assertEquals(expected, json(call("GET", "/v2.0/extensions/router.json").body()));
    }

    @Test
    public void routerNeedsBothOfItsCollectionsServed() {
        assertTrue(current.get().isActive("router"));
        assertTrue(current.get().inactive().isEmpty());
    }

    @Test
    public void extensionsListsActiveNonCoreExtensions() {
        ApiResponse r = call("GET", "/v2.0/extensions");
        assertEquals(200, r.status());
        List<Map<String, Object>> ext = list(map(r.body()).get("extensions"));
        assertEquals(List.of("router", "external-net"), ext.stream().map(e -> e.get("alias")).toList());
        assertEquals(List.of("name", "alias", "description", "updated", "links"), new ArrayList<>(ext.get(1).keySet()));
        assertEquals("Neutron external network", ext.get(1).get("name"));
        assertEquals(200, call("GET", "/v2.0/extensions.json").status());
    }

    @Test
    public void aNonCoreDescriptorOfAnyBundleShowsUp() {
        extraDescriptors.add(new ExtensionDescriptor("fake-ext", "Fake extension", "Adds nothing.",
                "2026-01-01T10:00:00-00:00", false, "", List.of(), List.of(), Map.of()));
        current.set(build());
        List<Map<String, Object>> ext = list(map(call("GET", "/v2.0/extensions").body()).get("extensions"));
        assertTrue(ext.stream().anyMatch(e -> "fake-ext".equals(e.get("alias"))));
        ApiResponse one = call("GET", "/v2.0/extensions/fake-ext");
        assertEquals(200, one.status());
        assertEquals("{\"extension\":{\"name\":\"Fake extension\",\"alias\":\"fake-ext\",\"description\":"
                + "\"Adds nothing.\",\"updated\":\"2026-01-01T10:00:00-00:00\",\"links\":[]}}", json(one.body()));
    }

    @Test
    public void unknownExtensionIs404() {
        assertError(call("GET", "/v2.0/extensions/nonexistent"), 404, "HTTPNotFound",
                "Extension with alias nonexistent does not exist");
        // core resource sets are not extensions
        assertError(call("GET", "/v2.0/extensions/network"), 404, "HTTPNotFound",
                "Extension with alias network does not exist");
    }

    // ---- sub-collections of another collection's members (Neutron's scheduler sub-resources)

    /** An agent's dhcp-networks: networks, listed and added under another plugin's agents. */
    private static final class HostedNetworks implements ResourceHandler {
        final FakeResourceHandler networks;
        final List<String> calls = new ArrayList<>();

        HostedNetworks(FakeResourceHandler networks) {
            this.networks = networks;
        }

        @Override
        public String itemCollection() {
            return "networks";
        }

        @Override
        public ResourceHandler under(String parentId) {
            calls.add("under " + parentId);
            return this;
        }

        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
            calls.add("add " + resource.get("network_id"));
            return Map.of();
        }

        @Override
        public Map<String, Object> get(RequestContext context, String id) {
            throw new AssertionError("no show of one hosted network");
        }

        @Override
        public List<Map<String, Object>> list(RequestContext context, org.nucleon.api.query.ListQuery query) {
            return networks.list(context, query);
        }

        @Override
        public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
            throw new AssertionError("no update");
        }

        @Override
        public void delete(RequestContext context, String id) {
            calls.add("remove " + id);
        }
    }

    @Test
    public void subCollectionOfAnotherCollectionsMembersIsListedAsThatCollection() {
        HostedNetworks hosted = new HostedNetworks(networks);
        extraDescriptors.add(ApiDefinitions.neutron().extension("agent"));
        extraDescriptors.add(ApiDefinitions.neutron().extension("dhcp_agent_scheduler"));
        extraHandlers.put("agents", new FakeResourceHandler("Agent"));
        extraHandlers.put("dhcp-networks", hosted);
        extraHandlers.put("dhcp-agents", new FakeResourceHandler("Agent"));
        current.set(build());
        String net = createNetwork("hosted");
        networks.extraOnEveryItem.put("secret", "x");

        ApiResponse listed = call("GET", "/v2.0/agents/a1/dhcp-networks?fields=id&fields=name");
        assertEquals(200, listed.status());
        // the networks' envelope and attribute map, not the sub-resource's (network_id only)
        assertEquals(List.of(Map.of("id", net, "name", "hosted")), list(map(listed.body()).get("networks")));

        ApiResponse added = call("POST", "/v2.0/agents/a1/dhcp-networks", "{\"network_id\": \"" + net + "\"}");
        assertEquals(201, added.status());
        assertEquals(NullNode.getInstance(), added.body());
        assertEquals(204, call("DELETE", "/v2.0/agents/a1/dhcp-networks/" + net).status());
        assertEquals(List.of("under a1", "under a1", "add " + net, "under a1", "remove " + net), hosted.calls);

        assertError(call("POST", "/v2.0/agents/a1/dhcp-networks", "[1]"), 400, "HTTPBadRequest",
                "Body contains invalid data");
        assertEquals(405, call("PUT", "/v2.0/agents/a1/dhcp-networks/" + net, "{}").status());
    }

    // ---- routing

    @Test
    public void jsonSuffixMeansTheSame() {
        String id = createNetwork("n");
        assertEquals(1, list(map(call("GET", "/v2.0/networks.json").body()).get("networks")).size());
        assertEquals(id, map(map(call("GET", "/v2.0/networks/" + id + ".json").body()).get("network")).get("id"));
        assertEquals(201, call("POST", "/v2.0/networks.json", "{\"network\": {}}").status());
        assertEquals(200, call("PUT", "/v2.0/networks/" + id + ".json", "{\"network\": {}}").status());
        assertEquals(204, call("DELETE", "/v2.0/networks/" + id + ".json").status());
    }

    @Test
    public void trailingAndDoubleSlashesAreIgnored() {
        String id = createNetwork("n");
        assertEquals(200, call("GET", "/v2.0/networks/").status());
        assertEquals(200, call("GET", "/v2.0//networks").status());
        assertEquals(200, call("GET", "/v2.0/networks/" + id + "/").status());
    }

    @Test
    public void unknownPathsAre404() {
        String id = createNetwork("n");
        // sample 910-err-404-unknown-resource
        ApiResponse r = call("GET", "/v2.0/foobars");
        assertEquals("{\"NeutronError\":{\"type\":\"HTTPNotFound\",\"message\":\"The resource could not be found.\","
                + "\"detail\":\"\"}}", json(r.body()));
        assertEquals(404, r.status());
        for (String p : List.of("/v2.0/nonexistent/x", "/v2.0/networks/" + id + "/nonexistent", "/v2.0/NETWORKS",
                "/v2.0/networks.xml", "/v3/", "/v1.0/", "/v2.0/networks/" + id + "/a/b")) {
            assertError(call("GET", p), 404, "HTTPNotFound", "The resource could not be found.");
        }
        assertError(call("POST", "/v2.0/networks/" + id + "/nonexistent", "{}"), 404, "HTTPNotFound",
                "The resource could not be found.");
    }

    @Test
    public void wrongMethodIs405WithAllow() {
        String id = createNetwork("n");
        ApiResponse patch = call("PATCH", "/v2.0/networks/" + id, "{\"network\": {}}");
        assertError(patch, 405, "HTTPMethodNotAllowed", GENERIC_400);
        assertEquals("GET, PUT, DELETE", patch.headers().get("Allow"));
        assertEquals("GET, POST", call("PATCH", "/v2.0/networks").headers().get("Allow"));
        // sample 908-err-405-post-to-member, body and all
        ApiResponse post = call("POST", "/v2.0/networks/" + id, "{\"network\": {\"name\": \"y\"}}");
        assertEquals(405, post.status());
        assertEquals("{\"NeutronError\":{\"type\":\"HTTPMethodNotAllowed\",\"message\":\"" + GENERIC_400
                + "\",\"detail\":\"\"}}", json(post.body()));
        assertEquals(405, call("HEAD", "/v2.0/networks").status());
        // sample 907: Neutron looks the member "None" up on DELETE/PUT of a collection
        assertError(call("DELETE", "/v2.0/networks"), 404, "NetworkNotFound", "Network None could not be found.");
        assertError(call("PUT", "/v2.0/networks", "{}"), 404, "NetworkNotFound", "Network None could not be found.");
        assertEquals("GET", call("POST", "/", "{}").headers().get("Allow"));
        assertEquals(405, call("DELETE", "/v2.0/").status());
        assertEquals("GET", call("POST", "/v2.0/extensions").headers().get("Allow"));
        // the network is untouched
        assertTrue(networks.store.containsKey(id));
    }

    @Test
    public void optionsAnswers200WithAllowAndNoBody() {
        String id = createNetwork("n");
        ApiResponse c = call("OPTIONS", "/v2.0/networks");
        assertEquals(200, c.status());
        assertNull(c.body());
        assertEquals("GET, POST", c.headers().get("Allow"));
        assertEquals("GET, PUT, DELETE", call("OPTIONS", "/v2.0/networks/" + id).headers().get("Allow"));
        assertEquals("GET", call("OPTIONS", "/").headers().get("Allow"));
        assertEquals("GET", call("OPTIONS", "/v2.0/").headers().get("Allow"));
        assertEquals("PUT", call("OPTIONS", "/v2.0/routers/r1/add_router_interface").headers().get("Allow"));
        assertEquals(404, call("OPTIONS", "/v2.0/foobars").status());
        assertNull("OPTIONS must not list", networks.lastQuery);
    }

    // ---- CRUD

    @Test
    public void createAnswers201WithTheEnvelope() {
        ApiResponse r = call("POST", "/v2.0/networks", "{\"network\": {\"name\": \"net1\", \"admin_state_up\": \"false\"}}");
        assertEquals(201, r.status());
        Map<String, Object> n = map(map(r.body()).get("network"));
        assertEquals(Set.of("network"), map(r.body()).keySet());
        assertEquals("net1", n.get("name"));
        assertEquals(Boolean.FALSE, n.get("admin_state_up"));
        assertEquals(Boolean.FALSE, n.get("shared"));
        assertEquals(Boolean.FALSE, n.get("router:external"));
        assertEquals("p1", n.get("tenant_id"));
        assertEquals("p1", n.get("project_id"));
        assertEquals("ACTIVE", n.get("status"));
        assertNotNull(n.get("id"));
        // the handler got the converted, defaulted body and the authenticated context
        assertEquals(Boolean.FALSE, networks.lastCreated.get("admin_state_up"));
        assertSame(ctx, networks.lastContext);
        assertEquals("req-test", authenticatedRequestId);
    }

    @Test
    public void bulkCreateAnswers201WithTheCollection() {
        ApiResponse r = call("POST", "/v2.0/networks",
                "{\"networks\": [{\"name\": \"bulk-a\"}, {\"name\": \"bulk-b\", \"admin_state_up\": false}]}");
        assertEquals(201, r.status());
        List<Map<String, Object>> items = list(map(r.body()).get("networks"));
        assertEquals(List.of("bulk-a", "bulk-b"), items.stream().map(i -> i.get("name")).toList());
        assertEquals(Boolean.FALSE, items.get(1).get("admin_state_up"));
        assertEquals(2, networks.store.size());
    }

    @Test
    public void bulkCanBeTurnedOff() {
        config = new ApiConfig(false, -1, 1024);
        assertError(call("POST", "/v2.0/networks", "{\"networks\": [{\"name\": \"a\"}]}"), 400, "HTTPBadRequest",
                "Bulk operation not supported");
        assertTrue(networks.store.isEmpty());
    }

    @Test
    public void bodyErrorsAreNeutronErrors() {
        // sample 906-err-400-invalid-json-body and 903-err-400-network-unknown-attribute
        assertError(call("POST", "/v2.0/networks", "{\"network\": {\"name\": \"broken\""), 400, "HTTPBadRequest",
                "Body contains invalid data");
        assertError(call("POST", "/v2.0/networks", "{\"network\": {\"name\": \"x\", \"colour\": \"blue\"}}"), 400,
                "HTTPBadRequest", "Unrecognized attribute(s) 'colour'");
        assertError(call("POST", "/v2.0/networks"), 400, "HTTPBadRequest", "Unable to find 'network' in request body");
        assertError(call("PUT", "/v2.0/networks/x"), 400, "HTTPBadRequest", "Unable to find 'network' in request body");
        assertTrue(networks.store.isEmpty());
    }

    @Test
    public void showUpdateDelete() {
        String id = createNetwork("net1");
        ApiResponse show = call("GET", "/v2.0/networks/" + id);
        assertEquals(200, show.status());
        assertEquals("net1", map(map(show.body()).get("network")).get("name"));

        ApiResponse upd = call("PUT", "/v2.0/networks/" + id, "{\"network\": {\"name\": \"net1-renamed\"}}");
        assertEquals(200, upd.status());
        assertEquals("net1-renamed", map(map(upd.body()).get("network")).get("name"));
        assertEquals(Map.of("name", "net1-renamed"), networks.lastChanges);

        ApiResponse del = call("DELETE", "/v2.0/networks/" + id);
        assertEquals(204, del.status());
        assertNull(del.body());
        // sample 021-network-show-after-delete
        assertError(call("GET", "/v2.0/networks/" + id), 404, "NetworkNotFound", "Network " + id + " could not be found.");
        assertError(call("DELETE", "/v2.0/networks/" + id), 404, "NetworkNotFound", "Network " + id + " could not be found.");
    }

    @Test
    public void handlerNotFoundIsSample900() {
        ApiResponse r = call("GET", "/v2.0/networks/00000000-0000-0000-0000-000000000000");
        assertEquals(404, r.status());
        assertEquals("{\"NeutronError\":{\"type\":\"NetworkNotFound\",\"message\":\"Network "
                + "00000000-0000-0000-0000-000000000000 could not be found.\",\"detail\":\"\"}}", json(r.body()));
    }

    @Test
    public void memberActionsReachTheHandler() {
        routers.actionResult = Map.of("subnet_id", "s1", "port_id", "p1");
        ApiResponse r = call("PUT", "/v2.0/routers/r1/add_router_interface", "{\"subnet_id\": \"s1\"}");
        assertEquals(200, r.status());
        assertEquals(Map.of("subnet_id", "s1", "port_id", "p1"), r.body());
        assertEquals("r1/add_router_interface", routers.lastAction);
        assertEquals(Map.of("subnet_id", "s1"), routers.lastActionBody);
        ApiResponse get = call("GET", "/v2.0/routers/r1/add_router_interface");
        assertEquals(405, get.status());
        assertEquals("PUT", get.headers().get("Allow"));
    }

    // ---- views

    @Test
    public void emptyFieldsGiveEmptyObjects() {
        String id = createNetwork("a");
        createNetwork("b");
        for (String q : List.of("fields=", "fields=bogus", "fields=id,name")) {
            List<Map<String, Object>> items = list(map(call("GET", "/v2.0/networks?" + q).body()).get("networks"));
            assertEquals(q, List.of(Map.of(), Map.of()), items);
        }
        assertEquals(Map.of("network", Map.of()), call("GET", "/v2.0/networks/" + id + "?fields=bogus").body());
        assertEquals(Map.of("network", Map.of()), call("GET", "/v2.0/networks/" + id + "?fields=").body());
    }

    @Test
    public void fieldsSelectAttributes() {
        String id = createNetwork("a");
        List<Map<String, Object>> items = list(map(call("GET", "/v2.0/networks?fields=id&fields=name&fields=bogus")
                .body()).get("networks"));
        assertEquals(Set.of("id", "name"), items.get(0).keySet());
        assertEquals(Map.of("network", Map.of("name", "a")), call("GET", "/v2.0/networks/" + id + "?fields=name").body());
    }

    @Test
    public void attributesOutsideTheMapOrInvisibleAreStripped() {
        networks.extraOnEveryItem.put("internal_secret", "s3cr3t");
        String id = createNetwork("a");
        assertTrue("the fake does return it", networks.store.get(id).containsKey("internal_secret"));
        for (ApiResponse r : List.of(call("GET", "/v2.0/networks"), call("GET", "/v2.0/networks/" + id),
                call("PUT", "/v2.0/networks/" + id, "{\"network\": {}}"),
                call("POST", "/v2.0/networks", "{\"network\": {}}"))) {
            assertFalse(json(r.body()), json(r.body()).contains("internal_secret"));
        }
        // subnets.prefixlen is in the map but is_visible=False
        subnets.put("s1", "name", "sub", "prefixlen", 24, "cidr", "10.0.0.0/24");
        Map<String, Object> s = list(map(call("GET", "/v2.0/subnets").body()).get("subnets")).get(0);
        assertEquals(Map.of("id", "s1", "name", "sub", "cidr", "10.0.0.0/24"), s);
    }

    // ---- lists

    @Test
    public void linksOnlyWithALimit() {
        networks.put("a1", "name", "a");
        networks.put("b2", "name", "b");
        networks.put("c3", "name", "c");
        Map<String, Object> all = map(call("GET", "/v2.0/networks").body());
        assertEquals(Set.of("networks"), all.keySet());
        assertEquals(0, networks.lastQuery.limit());

        Map<String, Object> page = map(call("GET", "/v2.0/networks?limit=2").body());
        assertEquals(List.of("networks", "networks_links"), new ArrayList<>(page.keySet()));
        assertEquals(2, networks.lastQuery.limit());
        assertEquals(List.of(
                Map.of("rel", "next", "href", BASE + "/v2.0/networks?limit=2&marker=b2"),
                Map.of("rel", "previous", "href", BASE + "/v2.0/networks?limit=2&marker=a1&page_reverse=True")),
                page.get("networks_links"));

        Map<String, Object> last = map(call("GET", "/v2.0/networks?limit=2&marker=b2").body());
        assertEquals(List.of(Map.of("rel", "previous",
                "href", BASE + "/v2.0/networks?limit=2&marker=c3&page_reverse=True")), last.get("networks_links"));
    }

    @Test
    public void aListWithoutALimitIsReadAPageAtATimeWhileItIsWritten() {
        networks.pagesNatively = true;
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String id = String.format("n%05d", i);
            networks.put(id, "name", "net" + i);
            expected.add(Map.of("id", id));
        }
        ApiResponse r = call("GET", "/v2.0/networks?fields=id");
        assertTrue(r.streamed());
        assertEquals("only the first page is read before the answer goes out", 1, networks.queries.size());
        assertEquals(json(Map.of("networks", expected)), json(r.body()));
        assertEquals(Arrays.asList(null, "n00999", "n01999"), networks.queries.stream().map(ListQuery::marker)
                .toList());
        networks.queries.forEach(q -> assertEquals(PagedList.PAGE + 1, q.limit()));

        networks.store.keySet().removeIf(id -> id.compareTo("n01000") >= 0);
        ApiResponse one = call("GET", "/v2.0/networks?fields=id");
        assertFalse("a list that fits in a page is written whole, with its length", one.streamed());
        assertEquals(expected.subList(0, 1000), list(map(one.body()).get("networks")));
    }

    @Test
    public void aPagedListGoesOnFromAnEarlierItemWhenAPagesLastItemIsGone() {
        networks.pagesNatively = true;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            expected.add(String.format("n%05d", i));
            networks.put(expected.get(i));
        }
        Iterator<?> items = ((Iterable<?>) map(call("GET", "/v2.0/networks").body()).get("networks")).iterator();
        List<Object> written = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            written.add(((Map<?, ?>) items.next()).get("id"));
        }
        // deleted after they were written, before the next page is read
        networks.store.remove("n00999");
        networks.store.remove("n00998");
        items.forEachRemaining(i -> written.add(((Map<?, ?>) i).get("id")));
        assertEquals(expected, written);
        assertEquals(Arrays.asList(null, "n00999", "n00998", "n00997"), networks.queries.stream()
                .map(ListQuery::marker).toList());
    }

    @Test
    public void paginationMaxLimitPagesWithoutALimitParameter() {
        config = new ApiConfig(true, 1, 1024);
        networks.put("a1", "name", "a");
        networks.put("b2", "name", "b");
        Map<String, Object> page = map(call("GET", "/v2.0/networks").body());
        assertEquals(1, list(page.get("networks")).size());
        assertEquals(List.of(Map.of("rel", "next", "href", BASE + "/v2.0/networks?marker=a1"),
                Map.of("rel", "previous", "href", BASE + "/v2.0/networks?marker=a1&page_reverse=True")),
                page.get("networks_links"));
    }

    @Test
    public void listQueryReachesTheHandler() {
        networks.put("a1", "name", "a", "admin_state_up", true);
        networks.put("b2", "name", "b", "admin_state_up", false);
        ApiResponse r = call("GET", "/v2.0/networks?admin_state_up=1&sort_key=name&sort_dir=desc");
        assertEquals(200, r.status());
        assertEquals(Map.of("admin_state_up", List.of(Boolean.TRUE)), networks.lastQuery.filters());
        assertEquals(List.of(new SortKey("name", false), new SortKey("id", true)), networks.lastQuery.sorts());
        assertEquals(List.of("a1"), list(map(r.body()).get("networks")).stream().map(i -> i.get("id")).toList());
    }

    @Test
    public void listQueryErrorsAreNeutronErrors() {
        assertError(call("GET", "/v2.0/networks?bogus=1"), 400, "HTTPBadRequest",
                "['bogus'] is invalid attribute for filtering");
        assertError(call("GET", "/v2.0/networks?limit=-1"), 400, "BadRequest",
                "Bad limit request: Limit must be an integer 0 or greater and not '-1'.");
        assertError(call("GET", "/v2.0/networks?admin_state_up=maybe"), 400, "InvalidInput",
                "Invalid input for operation: 'maybe' cannot be converted to boolean.");
        assertNull(networks.lastQuery);
    }

    // ---- failures

    @Test
    public void everythingUnderV20AsksTheAuthenticatorAndARefusalIs401WithAChallenge() {
        List<String> asked = new ArrayList<>();
        controller = new ApiController(current::get, () -> config, (req, requestId) -> {
            asked.add(req.method() + " " + req.path());
            throw new ApiController.Unauthorized("http://keystone.example:5000/v3");
        }, PolicyRules::defaults);
        // the versions document needs no token; nor does a path outside v2.0, which is not the API's
        assertEquals(200, call("GET", "/").status());
        assertEquals(404, call("GET", "/v3/").status());
        assertTrue(asked.isEmpty());
        for (String path : List.of("/v2.0", "/v2.0/", "/v2.0/extensions", "/v2.0/networks", "/v2.0/nothing/1")) {
            ApiResponse r = call("GET", path);
            assertError(r, 401, "HTTPUnauthorized", "The request you have made requires authentication.");
            assertEquals(Map.of("WWW-Authenticate", "Keystone uri=\"http://keystone.example:5000/v3\""), r.headers());
        }
        assertError(call("DELETE", "/v2.0/networks/x"), 401, "HTTPUnauthorized",
                "The request you have made requires authentication.");
        assertEquals(6, asked.size());
    }

    @Test
    public void unexpectedFailureIsA500WithoutInternals() {
        networks.failure = new IllegalStateException("s3cr3t: connection to db01.internal refused");
        long start = System.nanoTime();
        ApiResponse r = call("GET", "/v2.0/networks");
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, r.status());
        assertEquals("{\"NeutronError\":{\"type\":\"HTTPInternalServerError\",\"message\":\"Request Failed: "
                + "internal server error while processing your request.\",\"detail\":\"\"}}", json(r.body()));
        assertFalse(json(r.body()).contains("s3cr3t"));
        assertFalse(json(r.body()).contains("IllegalStateException"));
        // it waited for the handler to leave before deciding this was a bug
        assertTrue("waited " + waitedMs + " ms", waitedMs >= 1900);
    }

    @Test
    public void failureWhileTheHandlerLeavesIs404() {
        ApiSnapshot without = SnapshotBuilder.build(List.of(ApiDefinitions.neutron().extension("network")),
                Set.of(), Map.of());
        networks.beforeFailure = () -> current.set(without);
        networks.failure = new IllegalStateException("EntityManagerFactory is closed");
        long start = System.nanoTime();
        ApiResponse r = call("GET", "/v2.0/networks");
        assertError(r, 404, "HTTPNotFound", "The resource could not be found.");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1500);
        // and the next request sees the API without it
        assertError(call("GET", "/v2.0/networks"), 404, "HTTPNotFound", "The resource could not be found.");
    }

    @Test
    public void requestsRacingARestartOfTheirHandlerAreServedByTheNewOne() {
        ApiSnapshot with = current.get();
        ApiSnapshot without = SnapshotBuilder.build(List.of(ApiDefinitions.neutron().extension("network")),
                Set.of(), Map.of());
        controller = new ApiController(current::get, () -> config, (req, requestId) -> ctx, PolicyRules::defaults,
                () -> null, segments -> segments.get(0).equals("networks"));
        Runnable restartedSoon = () -> new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            networks.failure = null;
            current.set(with);
        }).start();
        // the handler fails as its persistence unit closes, leaves, and is back 300 ms later
        networks.beforeFailure = () -> {
            current.set(without);
            restartedSoon.run();
        };
        networks.failure = new IllegalStateException("operation on a closed EntityManagerFactory");
        assertEquals(200, call("GET", "/v2.0/networks").status());
        // one arriving while it is away waits for it
        current.set(without);
        restartedSoon.run();
        assertEquals(200, call("GET", "/v2.0/networks").status());
        // one that never comes back is 404 after the wait
        current.set(without);
        assertError(call("GET", "/v2.0/networks"), 404, "HTTPNotFound", "The resource could not be found.");
    }

    /**
     * The ExtensionManager's answer: a route counts as restarting only while it is not served, so
     * it turns false the moment the successor is there.
     */
    private boolean awayForARestart(List<String> segments) {
        RouteMatch now = current.get().match(segments);
        return segments.get(0).equals("networks") && (now == null || now.route().handler() == null);
    }

    @Test
    public void aRequestFailingOnItsHandlerAfterTheSuccessorCameIsServedByTheSuccessor() {
        FakeResourceHandler successor = new FakeResourceHandler("Network");
        successor.put("n1", "name", "kept");
        extraHandlers.put("networks", successor);
        ApiSnapshot updated = build();
        controller = new ApiController(current::get, () -> config, (req, requestId) -> ctx, PolicyRules::defaults,
                () -> null, this::awayForARestart);
        // the bundle's new revision already serves the route when the old handler's unit fails
        networks.beforeFailure = () -> current.set(updated);
        networks.failure = new IllegalStateException("operation on a closed EntityManagerFactory");
        ApiResponse r = call("GET", "/v2.0/networks/n1");
        assertEquals(json(r.body()), 200, r.status());
        assertEquals("kept", map(map(r.body()).get("network")).get("name"));
    }

    @Test
    public void aRequestThatSawItsRouteAwayWhileItsSuccessorCameIsServedByTheSuccessor() {
        ApiSnapshot away = SnapshotBuilder.build(List.of(ApiDefinitions.neutron().extension("network")),
                Set.of(), Map.of());
        FakeResourceHandler successor = new FakeResourceHandler("Network");
        successor.put("n1", "name", "kept");
        extraHandlers.put("networks", successor);
        ApiSnapshot updated = build();
        current.set(away);
        // the snapshot the request starts from is the last without the route: the next has it back
        controller = new ApiController(() -> current.getAndUpdate(s -> s == away ? updated : s), () -> config,
                (req, requestId) -> ctx, PolicyRules::defaults, () -> null, this::awayForARestart);
        ApiResponse r = call("GET", "/v2.0/networks/n1");
        assertEquals(json(r.body()), 200, r.status());
        assertEquals("kept", map(map(r.body()).get("network")).get("name"));
    }

    @Test
    public void aReadWhoseHandlerLeftAnswering503IsServedByItsSuccessor() {
        ApiSnapshot before = current.get();
        FakeResourceHandler successor = new FakeResourceHandler("Network");
        extraHandlers.put("networks", successor);
        ApiSnapshot after = build();
        // the plugin the handler uses left under it after the handler itself was unregistered
        networks.beforeFailure = () -> current.set(after);
        networks.failure = new NeutronException(503, "HTTPServiceUnavailable",
                "The core plugin is not available.");
        assertEquals(200, call("GET", "/v2.0/networks").status());
        current.set(before);
        assertEquals("a write is not made again: its 503 may follow its commit", 503,
                call("POST", "/v2.0/networks", "{\"network\": {\"name\": \"n\"}}").status());
        assertTrue(successor.store.isEmpty());
        current.set(before);
        networks.beforeFailure = () -> { };
        assertEquals("a handler that stays answers its own 503", 503, call("GET", "/v2.0/networks").status());
    }

    @Test
    public void aRequestWaitingForARestartedHandlerIsAnswered404AsSoonAsItsBundleIsUninstalled() {
        current.set(SnapshotBuilder.build(List.of(ApiDefinitions.neutron().extension("network")), Set.of(), Map.of()));
        AtomicBoolean returning = new AtomicBoolean(true);
        controller = new ApiController(current::get, () -> config, (req, requestId) -> ctx, PolicyRules::defaults,
                () -> null, segments -> returning.get() && segments.get(0).equals("networks"));
        new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            returning.set(false);
        }).start();
        long start = System.nanoTime();
        assertError(call("GET", "/v2.0/networks"), 404, "HTTPNotFound", "The resource could not be found.");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue("waited " + millis + " ms", millis >= 250 && millis < 2000);
    }

    // ---- known discrepancies with Neutron (see report); enable once fixed

    /** Probe "GET show ?bogus=1" and "GET show ?sort_key=bogus": Neutron checks the query on show too. */
    @Test
    public void showValidatesTheQueryAsNeutronDoes() {
        String id = createNetwork("a");
        assertError(call("GET", "/v2.0/networks/" + id + "?bogus=1"), 400, "HTTPBadRequest",
                "['bogus'] is invalid attribute for filtering");
        assertError(call("GET", "/v2.0/networks/" + id + "?sort_key=bogus"), 400, "HTTPBadRequest",
                "The number of sort_keys and sort_dirs must be same");
    }

    /** Probe "GET /v2.0" and "GET /v2.0.json": both 404 in Neutron; only /v2.0/ lists resources. */
    @Test
    public void versionRootNeedsItsTrailingSlash() {
        assertEquals(404, call("GET", "/v2.0").status());
        assertEquals(404, call("GET", "/v2.0.json").status());
    }

    /** Probe "GET list ?limit=2 (json suffix)": Neutron's links keep the .json suffix of the request. */
    @Test
    public void linksKeepTheJsonSuffix() {
        networks.put("a1", "name", "a");
        Map<String, Object> page = map(call("GET", "/v2.0/networks.json?limit=1").body());
        assertEquals(BASE + "/v2.0/networks.json?limit=1&marker=a1", list(page.get("networks_links")).get(0).get("href"));
    }
}
