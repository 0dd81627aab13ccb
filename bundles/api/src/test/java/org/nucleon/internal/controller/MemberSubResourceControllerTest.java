package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ResourceDefinition;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.MemberSubResource.Operation;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;

/** The controller serving a member sub-resource and an id filter that another bundle attached to networks. */
public class MemberSubResourceControllerTest {
    private static final String ALIAS = "labels-test";

    private final FakeResourceHandler networks = new FakeResourceHandler("Network");
    private final List<String> calls = new ArrayList<>();
    private final Set<Operation> served = EnumSet.allOf(Operation.class);
    private Object lastBody;
    private MemberSubResource.Parent lastParent;
    private ApiSnapshot snapshot;
    private ApiController controller;

    private final MemberSubResource labels = new MemberSubResource() {
        @Override
        public Set<Operation> operations() {
            return served;
        }

        @Override
        public Reply handle(RequestContext context, Operation operation, Parent parent, String item, Object body) {
            calls.add(operation + " " + item);
            lastBody = body;
            lastParent = parent;
            parent.touch().run();
            return operation == Operation.INDEX ? new Reply(200, Map.of("labels", List.of("red")))
                    : new Reply(operation == Operation.UPDATE ? 201 : 204, null);
        }
    };

    private final IdFilter byLabel = new IdFilter() {
        @Override
        public Set<String> keys() {
            return Set.of("labels");
        }

        @Override
        public ListQuery restrict(RequestContext context, ListQuery query) {
            return query.onlyIds(List.of("n1")).excludingIds(List.of("n3"));
        }
    };

    @Before
    public void setUp() {
        networks.put("n1", "name", "one");
        networks.put("n2", "name", "two");
        snapshot = build(true);
        controller = new ApiController(() -> snapshot, () -> ApiConfig.DEFAULTS, (req, id) -> Fixtures.ADMIN,
                PolicyRules::defaults);
    }

    /** network, and an extension adding a filterable "labels" attribute to it, supported or not. */
    private ApiSnapshot build(boolean supported) {
        ExtensionDescriptor ext = new ExtensionDescriptor(ALIAS, "Labels", "", "", false, "", List.of(), List.of(),
                Map.of("networks", new ResourceDefinition("networks", "network", null, null, Map.of("labels",
                        AttributeDefinition.builder("labels").visible(true).filter(true).build()), Map.of(), false)));
        return SnapshotBuilder.build(List.of(ApiDefinitions.neutron().extension("network"), ext),
                supported ? Set.of("network", ALIAS) : Set.of("network"), Map.<String, ResourceHandler>of("networks",
                        networks), Map.of(), Map.of("networks", List.of(byLabel)), Map.of("networks",
                        List.of(new SnapshotBuilder.SubResource("labels", ALIAS, labels))));
    }

    private ApiResponse call(String method, String path, String body) {
        int q = path.indexOf('?');
        return controller.handle(new ApiRequest(method, "http://h", q < 0 ? path : path.substring(0, q),
                QueryString.parse(q < 0 ? "" : path.substring(q + 1)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8)), "req-1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(ApiResponse r) {
        return (Map<String, Object>) ((Map<String, Object>) r.body()).get("NeutronError");
    }

    @Test
    public void operationsGetTheParentTheItemAndTheBody() {
        ApiResponse index = call("GET", "/v2.0/networks/n1/labels", "");
        assertEquals(200, index.status());
        assertEquals(Map.of("labels", List.of("red")), index.body());
        assertEquals("networks", lastParent.collection());
        assertEquals("n1", lastParent.id());
        assertEquals("one", lastParent.resource().get("name"));

        assertEquals(201, call("PUT", "/v2.0/networks/n1/labels/blue", "").status());
        assertNull(lastBody);
        assertEquals(204, call("PUT", "/v2.0/networks/n1/labels", "{\"labels\": [\"x\"]}").status());
        assertEquals(Map.of("labels", List.of("x")), lastBody);
        call("POST", "/v2.0/networks/n1/labels.json", "{}");
        call("GET", "/v2.0/networks/n1/labels/blue", "");
        call("DELETE", "/v2.0/networks/n1/labels/blue", "");
        call("DELETE", "/v2.0/networks/n1/labels", "");
        assertEquals(List.of("INDEX null", "UPDATE blue", "UPDATE_ALL null", "CREATE null", "SHOW blue",
                "DELETE blue", "DELETE_ALL null"), calls);
        // each reply ran the parent's touch, which reached the parent's handler
        assertEquals(List.of("n1", "n1", "n1", "n1", "n1", "n1", "n1"), networks.touched);
    }

    @Test
    public void missingParentIsTheParentsOwn404() {
        ApiResponse r = call("GET", "/v2.0/networks/nope/labels/red", "");
        assertEquals(404, r.status());
        assertEquals("NetworkNotFound", error(r).get("type"));
        assertEquals("Network nope could not be found.", error(r).get("message"));
        assertTrue(calls.isEmpty());
    }

    @Test
    public void methodsItDoesNotServeAre405WithWhatItDoes() {
        served.retainAll(Set.of(Operation.INDEX, Operation.SHOW, Operation.DELETE));
        ApiResponse post = call("POST", "/v2.0/networks/n1/labels", "{}");
        assertEquals(405, post.status());
        assertEquals("GET", post.headers().get("Allow"));
        ApiResponse put = call("PUT", "/v2.0/networks/n1/labels/red", "");
        assertEquals(405, put.status());
        assertEquals("GET, DELETE", put.headers().get("Allow"));
        assertEquals(405, call("PATCH", "/v2.0/networks/n1/labels", "").status());
        assertTrue(calls.isEmpty());
    }

    @Test
    public void malformedBodyIs400BeforeTheSubResourceRuns() {
        ApiResponse r = call("PUT", "/v2.0/networks/n1/labels", "{not json");
        assertEquals(400, r.status());
        assertTrue(calls.isEmpty());
        assertTrue(networks.touched.isEmpty());
    }

    @Test
    public void routesLeaveWithTheExtension() {
        snapshot = build(false);
        ApiResponse r = call("GET", "/v2.0/networks/n1/labels", "");
        assertEquals(404, r.status());
        assertEquals("HTTPNotFound", error(r).get("type"));
        // and its filter is no attribute to filter on any more
        assertEquals(400, call("GET", "/v2.0/networks?labels=red", "").status());
    }

    @Test
    public void idFilterNarrowsTheHandlersQuery() {
        ApiResponse r = call("GET", "/v2.0/networks?labels=red&name=one", "");
        assertEquals(200, r.status());
        assertEquals(Map.of("name", List.of("one")), networks.lastQuery.filters());
        assertEquals(Set.of("n1"), networks.lastQuery.ids());
        assertEquals(Set.of("n3"), networks.lastQuery.excludedIds());
        call("GET", "/v2.0/networks?name=one", "");
        assertNull(networks.lastQuery.ids());
    }
}
