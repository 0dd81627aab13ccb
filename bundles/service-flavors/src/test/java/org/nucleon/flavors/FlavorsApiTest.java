package org.nucleon.flavors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nucleon.testsupport.ApiClient.assertError;
import static org.nucleon.testsupport.ApiClient.assertStatus;
import static org.nucleon.testsupport.ApiClient.items;
import static org.nucleon.testsupport.ApiClient.member;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ServiceProvider;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;
import org.nucleon.testsupport.ApiClient;
import org.nucleon.testsupport.JpaFixture;

/**
 * Flavors, service profiles, their associations and service providers through the API's own
 * controller, with the answers the reference Neutron gives (where it gives a 500, the report
 * says what this plugin answers instead).
 */
public class FlavorsApiTest {
    static final String SINGLE_NODE = "neutron.services.l3_router.service_providers.single_node.SingleNodeDriver";
    private static final RequestContext MEMBER = new RequestContext("p1", "u1", List.of("member"), false, "req-m");

    /** A loaded L3 plugin as far as flavors care: its type and its providers. */
    static final Plugin L3 = new Plugin() {
        @Override
        public String pluginType() {
            return "L3_ROUTER_NAT";
        }

        @Override
        public Set<String> supportedExtensionAliases() {
            return Set.of();
        }

        @Override
        public List<ServiceProvider> serviceProviders() {
            return List.of(new ServiceProvider("L3_ROUTER_NAT", "ha", "x.HaDriver", false),
                    new ServiceProvider("L3_ROUTER_NAT", "single_node", SINGLE_NODE, false));
        }
    };

    private final FlavorsDb db = new FlavorsDb();
    private final ApiSnapshot snapshot = SnapshotBuilder.build(FlavorsPlugin.descriptors(), FlavorsPlugin.ALIASES,
            db.handlers());
    private final ApiClient admin = new ApiClient(() -> snapshot, JpaFixture.ADMIN);
    private final ApiClient member = new ApiClient(() -> snapshot, MEMBER);

    public FlavorsApiTest() {
        db.plugins.bindPlugin(new FlavorsPlugin());
        db.plugins.bindPlugin(L3);
    }

    @After
    public void tearDown() {
        db.close();
    }

    private String flavor(String serviceType) {
        ApiResponse r = admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"name\": \"f1\", \"service_type\": \""
                + serviceType + "\"}}");
        assertStatus(201, r);
        return (String) member(r, "flavor").get("id");
    }

    private String profile(String attributes) {
        ApiResponse r = admin.call("POST", "/v2.0/service_profiles", "{\"service_profile\": {" + attributes + "}}");
        assertStatus(201, r);
        return (String) member(r, "service_profile").get("id");
    }

    private ApiResponse associate(String flavor, String profile) {
        return admin.call("POST", "/v2.0/flavors/" + flavor + "/service_profiles", "{\"service_profile\": {\"id\": \""
                + profile + "\"}}");
    }

    @Test
    public void flavorAsNeutronShowsIt() {
        ApiResponse r = admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"name\": \"gold\", \"service_type\": "
                + "\"L3_ROUTER_NAT\", \"description\": null}}");
        assertStatus(201, r);
        Map<String, Object> f = member(r, "flavor");
        assertEquals(List.of("id", "name", "description", "service_type", "enabled", "service_profiles"),
                List.copyOf(f.keySet()));
        assertEquals(null, f.get("description"));
        assertEquals(true, f.get("enabled"));
        assertEquals(List.of(), f.get("service_profiles"));
        String id = (String) f.get("id");
        Map<String, Object> updated = member(admin.call("PUT", "/v2.0/flavors/" + id,
                "{\"flavor\": {\"enabled\": false, \"name\": \"silver\"}}"), "flavor");
        assertEquals(false, updated.get("enabled"));
        assertEquals("silver", updated.get("name"));
        flavor("FLAVORS");
        assertEquals(List.of("silver"), items(admin.call("GET", "/v2.0/flavors?service_type=L3_ROUTER_NAT", ""),
                "flavors").stream().map(x -> x.get("name")).toList());
        // anyone may read flavors
        assertEquals(2, items(member.call("GET", "/v2.0/flavors", ""), "flavors").size());
        assertStatus(204, admin.call("DELETE", "/v2.0/flavors/" + id, ""));
        assertError(admin.call("GET", "/v2.0/flavors/" + id, ""), 404, "FlavorNotFound",
                "Flavor " + id + " could not be found.");
    }

    @Test
    public void badFlavorsChangeNothing() {
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"name\": \"f\", \"service_type\": \"FOO\"}}"),
                400, "InvalidServiceType", "Invalid service type: FOO.");
        // a type whose plugin is not loaded now
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"service_type\": \"METERING\"}}"),
                400, "InvalidServiceType", "Invalid service type: METERING.");
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"name\": \"f\"}}"), 400, "HTTPBadRequest",
                "Failed to parse request. Required attribute 'service_type' not specified");
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"service_type\": \"FLAVORS\", "
                + "\"enabled\": \"maybe\"}}"), 400, "InvalidInput",
                "Invalid input for operation: 'maybe' cannot be converted to boolean.");
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"service_type\": \"FLAVORS\", "
                + "\"service_profiles\": [\"abc\"]}}"), 400, "HTTPBadRequest",
                "Invalid input for service_profiles. Reason: 'abc' is not a valid UUID.");
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"service_type\": \"FLAVORS\", \"foo\": 1}}"),
                400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'");
        String id = flavor("FLAVORS");
        assertError(admin.call("PUT", "/v2.0/flavors/" + id, "{\"flavor\": {\"service_type\": \"QOS\"}}"), 400,
                "HTTPBadRequest", "Cannot update read-only attribute service_type");
        assertError(member.call("POST", "/v2.0/flavors", "{\"flavor\": {\"service_type\": \"FLAVORS\"}}"), 403,
                "PolicyNotAuthorized", "rule:create_flavor is disallowed by policy");
        assertError(member.call("DELETE", "/v2.0/flavors/" + id, ""), 403, "PolicyNotAuthorized",
                "rule:delete_flavor is disallowed by policy");
        assertEquals(1, items(admin.call("GET", "/v2.0/flavors", ""), "flavors").size());
    }

    @Test
    public void serviceProfiles() {
        assertError(admin.call("POST", "/v2.0/service_profiles", "{\"service_profile\": {}}"), 400,
                "ServiceProfileEmpty", "Service Profile needs either a driver or metainfo.");
        assertError(admin.call("POST", "/v2.0/service_profiles", "{\"service_profile\": {\"driver\": \"foo.bar\"}}"),
                404, "ServiceProfileDriverNotFound", "Service Profile driver foo.bar could not be found.");
        // Neutron's database refuses what is not text with a 500
        assertError(admin.call("POST", "/v2.0/service_profiles", "{\"service_profile\": {\"metainfo\": {\"a\": 1}}}"),
                400, "HTTPBadRequest", "Invalid input for metainfo. Reason: '{'a': 1}' is not a valid string.");
        String meta = profile("\"metainfo\": \"{\\\"a\\\": 1}\"");
        Map<String, Object> p = member(admin.call("GET", "/v2.0/service_profiles/" + meta, ""), "service_profile");
        assertEquals(List.of("id", "description", "driver", "enabled", "metainfo"), List.copyOf(p.keySet()));
        assertEquals("", p.get("driver"));
        assertEquals("{\"a\": 1}", p.get("metainfo"));
        String withDriver = profile("\"driver\": \"" + SINGLE_NODE + "\"");
        assertEquals(List.of(withDriver), items(admin.call("GET", "/v2.0/service_profiles?driver=" + SINGLE_NODE,
                ""), "service_profiles").stream().map(x -> x.get("id")).toList());
        // admins' only: others see none
        assertEquals(List.of(), items(member.call("GET", "/v2.0/service_profiles", ""), "service_profiles"));
        assertError(member.call("GET", "/v2.0/service_profiles/" + meta, ""), 404, "HTTPNotFound",
                "The resource could not be found.");
        assertError(admin.call("PUT", "/v2.0/service_profiles/" + meta, "{\"service_profile\": {\"driver\": \"x\"}}"),
                404, "ServiceProfileDriverNotFound", "Service Profile driver x could not be found.");
        assertEquals(false, member(admin.call("PUT", "/v2.0/service_profiles/" + meta,
                "{\"service_profile\": {\"enabled\": false}}"), "service_profile").get("enabled"));
        assertStatus(204, admin.call("DELETE", "/v2.0/service_profiles/" + meta, ""));
        assertError(admin.call("DELETE", "/v2.0/service_profiles/" + meta, ""), 404, "ServiceProfileNotFound",
                "Service Profile " + meta + " could not be found.");
    }

    @Test
    public void associationsAndNextProvider() {
        String f = flavor("L3_ROUTER_NAT");
        String p = profile("\"driver\": \"" + SINGLE_NODE + "\", \"metainfo\": \"m\"");
        assertError(admin.call("GET", "/v2.0/flavors/" + f + "/next_providers", ""), 404,
                "FlavorServiceProfileBindingNotFound", "Service Profile  is not associated with flavor " + f + ".");
        ApiResponse r = associate(f, p);
        assertStatus(201, r);
        // Neutron's answer: the flavor through the association's map, which keeps its id
        assertEquals(Map.of("id", f), member(r, "service_profile"));
        assertError(associate(f, p), 409, "FlavorServiceProfileBindingExists",
                "Service Profile " + p + " is already associated with flavor " + f + ".");
        assertError(associate(f, f), 404, "ServiceProfileNotFound", "Service Profile " + f + " could not be found.");
        assertError(associate(p, p), 404, "FlavorNotFound", "Flavor " + p + " could not be found.");
        assertError(admin.call("POST", "/v2.0/flavors/" + f + "/service_profiles", "{\"service_profile\": "
                + "{\"id\": \"x\"}}"), 400, "HTTPBadRequest", "Invalid input for id. Reason: 'x' is not a valid UUID.");
        assertError(admin.call("POST", "/v2.0/flavors/" + f + "/service_profiles", "{\"service_profile\": {}}"), 400,
                "HTTPBadRequest", "Failed to parse request. Required attribute 'id' not specified");
        assertEquals(List.of(p), member(admin.call("GET", "/v2.0/flavors/" + f, ""), "flavor")
                .get("service_profiles"));
        assertEquals(Map.of(), member(admin.call("GET", "/v2.0/flavors/" + f + "/service_profiles/" + p, ""),
                "service_profile"));
        assertEquals(List.of(Map.of("id", p)), items(admin.call("GET", "/v2.0/flavors/" + f + "/service_profiles",
                ""), "service_profiles"));
        assertEquals(List.of(Map.of("driver", SINGLE_NODE, "provider", "single_node")),
                items(admin.call("GET", "/v2.0/flavors/" + f + "/next_providers", ""), "next_providers"));

        assertError(admin.call("PUT", "/v2.0/service_profiles/" + p, "{\"service_profile\": {\"enabled\": false}}"),
                409, "ServiceProfileInUse", "Service Profile " + p + " is used by some service instance.");
        assertError(admin.call("DELETE", "/v2.0/service_profiles/" + p, ""), 409, "ServiceProfileInUse",
                "Service Profile " + p + " is used by some service instance.");
        assertError(member.call("DELETE", "/v2.0/flavors/" + f + "/service_profiles/" + p, ""), 403,
                "PolicyNotAuthorized", "rule:delete_flavor_service_profile is disallowed by policy");
        assertStatus(204, admin.call("DELETE", "/v2.0/flavors/" + f + "/service_profiles/" + p, ""));
        assertError(admin.call("DELETE", "/v2.0/flavors/" + f + "/service_profiles/" + p, ""), 404,
                "FlavorServiceProfileBindingNotFound", "Service Profile " + p + " is not associated with flavor "
                        + f + ".");

        // a disabled profile serves no flavor
        admin.call("PUT", "/v2.0/service_profiles/" + p, "{\"service_profile\": {\"enabled\": false}}");
        assertStatus(201, associate(f, p));
        assertError(admin.call("GET", "/v2.0/flavors/" + f + "/next_providers", ""), 503, "ServiceProfileDisabled",
                "Service Profile is not enabled.");
        // the association goes with its flavor
        assertStatus(204, admin.call("DELETE", "/v2.0/flavors/" + f, ""));
        assertStatus(204, admin.call("DELETE", "/v2.0/service_profiles/" + p, ""));
    }

    @Test
    public void serviceProvidersFollowThePlugins() {
        List<Map<String, Object>> all = items(admin.call("GET", "/v2.0/service-providers", ""), "service_providers");
        assertEquals(List.of(Map.of("service_type", "L3_ROUTER_NAT", "name", "ha", "default", false),
                Map.of("service_type", "L3_ROUTER_NAT", "name", "single_node", "default", false)), all);
        assertEquals(List.of("single_node"), items(admin.call("GET",
                "/v2.0/service-providers?service_type=L3_ROUTER_NAT&name=single_node", ""), "service_providers")
                .stream().map(x -> x.get("name")).toList());
        assertError(admin.call("GET", "/v2.0/service-providers?bogus=1", ""), 400, "HTTPBadRequest",
                "['bogus'] is invalid attribute for filtering");
        String p = profile("\"driver\": \"" + SINGLE_NODE + "\"");
        db.plugins.unbindPlugin(L3);
        assertTrue(items(admin.call("GET", "/v2.0/service-providers", ""), "service_providers").isEmpty());
        // with the L3 plugin gone, its type and drivers are unknown
        assertError(admin.call("POST", "/v2.0/flavors", "{\"flavor\": {\"service_type\": \"L3_ROUTER_NAT\"}}"),
                400, "InvalidServiceType", "Invalid service type: L3_ROUTER_NAT.");
        String f = flavor("FLAVORS");
        associate(f, p);
        assertError(admin.call("GET", "/v2.0/flavors/" + f + "/next_providers", ""), 404,
                "ServiceProfileDriverNotFound", "Service Profile driver " + SINGLE_NODE + " could not be found.");
    }
}
