package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Flavors, l3-flavors, service-type and auto-allocated-topology in the distribution: each its
 * own bundle, working with the core and router plugins through their services only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
// the test that uninstalls a feature last
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class FlavorsIT extends NucleonKarafTestSupport {
    private static final EnumSet<FeaturesService.Option> NO_REFRESH =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
    private static final String SINGLE_NODE =
            "neutron.services.l3_router.service_providers.single_node.SingleNodeDriver";

    @Inject
    FeaturesService features;

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    private static Map<?, ?> created(Http.Answer a, String member) {
        assertEquals(a.text(), 201, a.status());
        return (Map<?, ?>) a.map().get(member);
    }

    private static String create(Http api, String path, String member, String body) throws Exception {
        return (String) created(api.post(path, body), member).get("id");
    }

    private static List<?> list(Http.Answer a, String collection) {
        assertEquals(a.text(), 200, a.status());
        return (List<?>) a.map().get(collection);
    }

    private static boolean active(Http api, String alias) throws IOException, InterruptedException {
        return api.get("/v2.0/extensions/" + alias).status() == 200;
    }

    private String l3Flavor(Http api, String name) throws Exception {
        String flavor = create(api, "/v2.0/flavors", "flavor", "{\"flavor\": {\"name\": \"" + name
                + "\", \"service_type\": \"L3_ROUTER_NAT\"}}");
        String profile = create(api, "/v2.0/service_profiles", "service_profile", "{\"service_profile\": "
                + "{\"driver\": \"" + SINGLE_NODE + "\"}}");
        Http.Answer a = api.post("/v2.0/flavors/" + flavor + "/service_profiles", "{\"service_profile\": {\"id\": \""
                + profile + "\"}}");
        assertEquals(Map.of("id", flavor), created(a, "service_profile"));
        return flavor;
    }

    @Test
    public void flavorsAndServiceProfiles() throws Exception {
        Http api = api();
        assertTrue(active(api, "flavors") && active(api, "service-type") && active(api, "l3-flavors"));
        String flavor = l3Flavor(api, "gold");
        Map<?, ?> shown = (Map<?, ?>) api.get("/v2.0/flavors/" + flavor).map().get("flavor");
        assertEquals(1, ((List<?>) shown.get("service_profiles")).size());
        String profile = (String) ((List<?>) shown.get("service_profiles")).get(0);
        assertEquals(List.of(Map.of("driver", SINGLE_NODE, "provider", "single_node")),
                list(api.get("/v2.0/flavors/" + flavor + "/next_providers"), "next_providers"));
        assertEquals(409, api.delete("/v2.0/service_profiles/" + profile).status());
        assertEquals("FlavorServiceProfileBindingExists", api.post("/v2.0/flavors/" + flavor + "/service_profiles",
                "{\"service_profile\": {\"id\": \"" + profile + "\"}}").errorType());
        assertEquals(204, api.delete("/v2.0/flavors/" + flavor + "/service_profiles/" + profile).status());
        assertEquals(204, api.delete("/v2.0/service_profiles/" + profile).status());
        assertEquals("InvalidServiceType", api.post("/v2.0/flavors", "{\"flavor\": {\"service_type\": \"NOPE\"}}")
                .errorType());
        assertEquals(400, api.post("/v2.0/service_profiles", "{\"service_profile\": {\"metainfo\": [1]}}").status());
    }

    @Test
    public void routerFlavor() throws Exception {
        Http api = api();
        String flavor = l3Flavor(api, "router-flavor");
        Map<?, ?> router = created(api.post("/v2.0/routers", "{\"router\": {\"name\": \"flavored\", \"flavor_id\": \""
                + flavor + "\"}}"), "router");
        assertEquals(flavor, router.get("flavor_id"));
        assertEquals("FlavorNotFound", api.post("/v2.0/routers", "{\"router\": {\"flavor_id\": \"nope\"}}")
                .errorType());
        assertEquals("InvalidInput", api.post("/v2.0/routers", "{\"router\": {\"flavor_id\": \"" + flavor
                + "\", \"ha\": true}}").errorType());
        assertEquals("Cannot update read-only attribute flavor_id", ((Map<?, ?>) api.put("/v2.0/routers/"
                + router.get("id"), "{\"router\": {\"flavor_id\": null}}").map().get("NeutronError")).get("message"));
        assertEquals("FlavorInUse", api.delete("/v2.0/flavors/" + flavor).errorType());
        assertEquals(200, api.put("/v2.0/flavors/" + flavor, "{\"flavor\": {\"enabled\": false}}").status());
        Http.Answer disabled = api.post("/v2.0/routers", "{\"router\": {\"flavor_id\": \"" + flavor + "\"}}");
        assertEquals(503, disabled.status());
        assertEquals("FlavorDisabled", disabled.errorType());
        assertEquals(204, api.delete("/v2.0/routers/" + router.get("id")).status());
        assertEquals(204, api.delete("/v2.0/flavors/" + flavor).status());
    }

    @Test
    public void serviceProvidersFollowTheRouterFeature() throws Exception {
        Http api = api();
        List<?> providers = list(api.get("/v2.0/service-providers"), "service_providers");
        assertEquals(List.of("dvrha", "dvr", "ha", "single_node"), providers.stream()
                .map(p -> ((Map<?, ?>) p).get("name")).toList());
        assertEquals(Map.of("service_type", "L3_ROUTER_NAT", "name", "ha", "default", false), providers.get(2));
        features.uninstallFeature("nucleon-service-router", NO_REFRESH);
        try {
            assertTrue(Http.await(5000, () -> list(api.get("/v2.0/service-providers"), "service_providers")
                    .isEmpty() && !active(api, "l3-flavors") && !active(api, "auto-allocated-topology")));
            assertEquals("InvalidServiceType", api.post("/v2.0/flavors", "{\"flavor\": {\"service_type\": "
                    + "\"L3_ROUTER_NAT\"}}").errorType());
        } finally {
            features.installFeature("nucleon-service-router", NO_REFRESH);
        }
        assertTrue(Http.await(15_000, () -> list(api.get("/v2.0/service-providers"), "service_providers").size() == 4
                && active(api, "l3-flavors") && active(api, "auto-allocated-topology")));
    }

    @Test
    public void autoAllocatedTopology() throws Exception {
        Http api = api();
        String path = "/v2.0/auto-allocated-topology/itest-project";
        assertEquals("AutoAllocationFailure", api.get(path + "?fields=dry-run").errorType());
        String ext = create(api, "/v2.0/networks", "network", "{\"network\": {\"name\": \"public\", "
                + "\"router:external\": true, \"is_default\": true}}");
        assertEquals(true, ((Map<?, ?>) api.get("/v2.0/networks/" + ext).map().get("network")).get("is_default"));
        assertEquals("DefaultExternalNetworkExists", api.post("/v2.0/networks", "{\"network\": {\"name\": \"other\","
                + " \"router:external\": true, \"is_default\": true}}").errorType());
        create(api, "/v2.0/subnets", "subnet", "{\"subnet\": {\"network_id\": \"" + ext + "\", \"ip_version\": 4, "
                + "\"cidr\": \"172.31.0.0/24\"}}");
        Http.Answer noPool = api.get(path + "?fields=dry-run");
        assertEquals(409, noPool.status());
        assertTrue(noPool.text(), noPool.text().contains("No default subnetpools defined"));
        create(api, "/v2.0/subnetpools", "subnetpool", "{\"subnetpool\": {\"name\": \"default-v4\", \"prefixes\": "
                + "[\"10.200.0.0/16\"], \"default_prefixlen\": 26, \"is_default\": true, \"shared\": true}}");
        assertEquals(Map.of("id", "dry-run=pass", "tenant_id", "itest-project"),
                api.get(path + "?fields=dry-run").map().get("auto_allocated_topology"));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        Set<Object> ids = new HashSet<>();
        try {
            List<Callable<Http.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> api.get(path));
            }
            for (Future<Http.Answer> f : pool.invokeAll(calls)) {
                Http.Answer a = f.get();
                assertEquals(a.text(), 200, a.status());
                ids.add(((Map<?, ?>) a.map().get("auto_allocated_topology")).get("id"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("concurrent requests share one topology", 1, ids.size());
        String net = (String) ids.iterator().next();
        assertEquals(1, list(api.get("/v2.0/networks?name=auto_allocated_network&tenant_id=itest-project"),
                "networks").size());
        List<?> routers = list(api.get("/v2.0/routers?name=auto_allocated_router&tenant_id=itest-project"),
                "routers");
        assertEquals(1, routers.size());
        assertEquals(ext, ((Map<?, ?>) ((Map<?, ?>) routers.get(0)).get("external_gateway_info")).get("network_id"));
        assertEquals(1, list(api.get("/v2.0/subnets?network_id=" + net), "subnets").size());
        assertEquals(true, ((Map<?, ?>) api.get("/v2.0/networks/" + net).map().get("network")).get("admin_state_up"));

        assertEquals(204, api.delete(path).status());
        assertEquals(404, api.get("/v2.0/networks/" + net).status());
        assertTrue(list(api.get("/v2.0/routers?name=auto_allocated_router&tenant_id=itest-project"), "routers")
                .isEmpty());
        assertNotEquals(net, ((Map<?, ?>) api.get(path).map().get("auto_allocated_topology")).get("id"));
    }
}
