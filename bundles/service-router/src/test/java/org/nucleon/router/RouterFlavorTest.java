package org.nucleon.router;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.plugin.ResourceHandler;

/** l3-flavors: a router's flavor checked through the flavors plugin's handlers, as Neutron's L3 plugin does. */
public class RouterFlavorTest extends RouterFixture {
    private final Map<String, Map<String, Object>> flavorItems = new HashMap<>();
    /** The provider each flavor's next_providers names. */
    private final Map<String, String> providerOf = new HashMap<>();

    private void flavorsLoaded() {
        routers.flavors.bindHandler(new FakeCore.Store("Flavor", flavorItems),
                Map.of(ResourceHandler.COLLECTION, "flavors"));
        routers.flavors.bindHandler(new FakeCore.Store("NextProvider", Map.of()) {
            @Override
            public ResourceHandler under(String flavorId) {
                return new FakeCore.Store("NextProvider", Map.of("p", Map.of("provider", providerOf.get(flavorId))));
            }
        }, Map.of(ResourceHandler.COLLECTION, "flavors/next_providers"));
    }

    private void flavor(String id, String serviceType, boolean enabled, String provider) {
        flavorItems.put(id, Map.of("id", id, "service_type", serviceType, "enabled", enabled));
        providerOf.put(id, provider);
    }

    private Map<String, Object> router(Map<String, Object> attributes) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "r1", "admin_state_up", true, "tenant_id", "p1"));
        body.putAll(attributes);
        return routers.create(FakeCore.ADMIN, body);
    }

    @Test
    public void routerWithoutFlavorHasNone() {
        assertNull(createRouter(null).get("flavor_id"));
    }

    @Test
    public void flavorIsKeptAndChecked() {
        flavorsLoaded();
        flavor("gold", "L3_ROUTER_NAT", true, "single_node");
        flavor("qos", "QOS", true, "single_node");
        flavor("off", "L3_ROUTER_NAT", false, "single_node");
        flavor("other", "L3_ROUTER_NAT", true, "lb");
        flavor("hagold", "L3_ROUTER_NAT", true, "ha");
        Map<String, Object> r = router(Map.of("flavor_id", "gold"));
        assertEquals("gold", r.get("flavor_id"));
        assertEquals("gold", routers.get(FakeCore.ADMIN, id(r)).get("flavor_id"));

        assertEquals("Flavor nope could not be found.",
                expect(404, "FlavorNotFound", () -> router(Map.of("flavor_id", "nope"))).getMessage());
        Map<String, Object> nullFlavor = new HashMap<>();
        nullFlavor.put("flavor_id", null);
        assertEquals("Flavor None could not be found.",
                expect(404, "FlavorNotFound", () -> router(nullFlavor)).getMessage());
        assertEquals("Invalid service type: QOS.",
                expect(400, "InvalidServiceType", () -> router(Map.of("flavor_id", "qos"))).getMessage());
        assertEquals("Flavor is not enabled.",
                expect(503, "FlavorDisabled", () -> router(Map.of("flavor_id", "off"))).getMessage());
        assertEquals("Service provider 'lb' could not be found for service type L3_ROUTER_NAT",
                expect(400, "ServiceProviderNotFound", () -> router(Map.of("flavor_id", "other"))).getMessage());
        assertEquals("Invalid input for operation: Provider single_node does not support ha=True.",
                expect(400, "InvalidInput", () -> router(Map.of("flavor_id", "gold", "ha", true))).getMessage());
        assertEquals("Invalid input for operation: Provider ha does not support ha=False.",
                expect(400, "InvalidInput", () -> router(Map.of("flavor_id", "hagold", "ha", false))).getMessage());
        assertEquals("hagold", router(Map.of("flavor_id", "hagold", "ha", true)).get("flavor_id"));
        // nothing of the refused ones was kept
        assertEquals(2, routers.list(FakeCore.ADMIN, org.nucleon.api.query.ListQuery.all()).size());
    }

    @Test
    public void flavorWithoutThePluginIsUnavailable() {
        expect(503, "HTTPServiceUnavailable", () -> router(Map.of("flavor_id", "gold")));
    }

    @Test
    public void flavorInUseIsNotDeleted() {
        flavorsLoaded();
        flavor("gold", "L3_ROUTER_NAT", true, "single_node");
        String r = id(router(Map.of("flavor_id", "gold")));
        assertEquals("Flavor gold is used by some service instance.", expect(409, "FlavorInUse",
                () -> jpa.tx(em -> FlavorInUse.flavorDeleted(em, "gold"))).getMessage());
        jpa.tx(em -> FlavorInUse.flavorDeleted(em, "unused"));
        routers.delete(FakeCore.ADMIN, r);
        jpa.tx(em -> FlavorInUse.flavorDeleted(em, "gold"));
    }

    @Test
    public void declaresNeutronsL3Providers() {
        assertEquals(List.of("dvrha", "dvr", "ha", "single_node"),
                new RouterPlugin().serviceProviders().stream().map(p -> p.name()).toList());
        assertEquals("neutron.services.l3_router.service_providers.single_node.SingleNodeDriver",
                new RouterPlugin().serviceProviders().get(3).driver());
    }
}
