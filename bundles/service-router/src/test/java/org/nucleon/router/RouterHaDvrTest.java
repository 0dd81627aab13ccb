package org.nucleon.router;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** l3-ha and dvr: defaults, the router-down-before-update rule and the interfaces' device_owner. */
public class RouterHaDvrTest extends RouterFixture {
    private static final String HA_UP = "Bad router request: Cannot change HA attribute of active routers. "
            + "Please set router admin_state_up to False prior to upgrade.";
    private static final String DVR_UP = "Bad router request: Cannot change the 'distributed' attribute of active "
            + "routers. Please set router admin_state_up to False prior to upgrade.";

    private Map<String, Object> createWith(Map<String, Object> flags) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "r1", "admin_state_up", true, "tenant_id", "p1"));
        body.putAll(flags);
        return routers.create(FakeCore.ADMIN, body);
    }

    private void configure(boolean ha, boolean distributed) {
        routers.configure(Map.<String, Object>of("l3_ha", String.valueOf(ha), "router_distributed", distributed));
    }

    private String interfaceOwner(String routerId) {
        String net = core.network(false);
        String subnet = core.subnet(net, "10.4.0", true);
        return (String) core.ports.get(addInterface(routerId, "subnet_id", subnet).get("port_id")).get("device_owner");
    }

    private Map<String, Object> update(String routerId, String key, Object value) {
        Map<String, Object> changes = new HashMap<>();
        changes.put(key, value);
        return routers.update(FakeCore.ADMIN, routerId, changes);
    }

    @Test
    public void flagsDefaultToFalseAndShowInTheView() {
        configure(false, false);
        Map<String, Object> r = createRouter(null);
        assertEquals(false, r.get("ha"));
        assertEquals(false, r.get("distributed"));
        assertEquals("network:router_interface", interfaceOwner(id(r)));
    }

    @Test
    public void configuredDefaultsApplyWhenAbsentOrNull() {
        configure(true, true);
        Map<String, Object> none = new HashMap<>();
        none.put("ha", null);
        Map<String, Object> r = createWith(none);
        assertEquals(true, r.get("ha"));
        assertEquals(true, r.get("distributed"));
        Map<String, Object> explicit = createWith(Map.of("ha", false, "distributed", false));
        assertEquals(false, routers.get(FakeCore.ADMIN, id(explicit)).get("ha"));
        assertEquals(false, routers.get(FakeCore.ADMIN, id(explicit)).get("distributed"));
    }

    @Test
    public void haAndDistributedTogetherAreAllowed() {
        Map<String, Object> r = createWith(Map.of("ha", true, "distributed", true));
        assertEquals(true, r.get("ha"));
        assertEquals(true, r.get("distributed"));
        // Neutron: DVR decides the owner of an HA+DVR router's interfaces
        assertEquals("network:router_interface_distributed", interfaceOwner(id(r)));
    }

    @Test
    public void interfacesOfAnHaRouterAreReplicated() {
        assertEquals("network:ha_router_replicated_interface", interfaceOwner(id(createWith(Map.of("ha", true)))));
    }

    @Test
    public void changingAFlagOfARouterThatIsUpIsRefused() {
        String r = id(createRouter(null));
        assertEquals(HA_UP, expect(400, "BadRequest", () -> update(r, "ha", true)).getMessage());
        assertEquals(DVR_UP, expect(400, "BadRequest", () -> update(r, "distributed", true)).getMessage());
        assertEquals(DVR_UP + "\n" + HA_UP, expect(400, "BadRequest",
                () -> routers.update(FakeCore.ADMIN, r, Map.of("ha", true, "distributed", true))).getMessage());
        // the original state counts, not the one asked for in the same request
        expect(400, "BadRequest", () -> routers.update(FakeCore.ADMIN, r, Map.of("ha", true, "admin_state_up", false)));
        Map<String, Object> now = routers.get(FakeCore.ADMIN, r);
        assertEquals(false, now.get("ha"));
        assertEquals(true, now.get("admin_state_up"));
    }

    @Test
    public void theSameValueOrNullIsNoChangeEvenWhenUp() {
        String r = id(createRouter(null));
        assertEquals(false, update(r, "ha", false).get("ha"));
        assertEquals(false, update(r, "distributed", null).get("distributed"));
        assertEquals(1L, routers.get(FakeCore.ADMIN, r).get("revision_number"));
    }

    @Test
    public void aRouterThatIsDownMigratesItsInterfaces() {
        String r = id(createRouter(null));
        String net = core.network(false);
        String port = (String) addInterface(r, "subnet_id", core.subnet(net, "10.5.0", true)).get("port_id");
        update(r, "admin_state_up", false);
        assertEquals(true, update(r, "distributed", true).get("distributed"));
        assertEquals("network:router_interface_distributed", core.ports.get(port).get("device_owner"));
        assertEquals(true, update(r, "ha", true).get("ha"));
        assertEquals("network:router_interface_distributed", core.ports.get(port).get("device_owner"));
        assertEquals(false, update(r, "distributed", false).get("distributed"));
        assertEquals("network:ha_router_replicated_interface", core.ports.get(port).get("device_owner"));
        // back up in the same request that changes the flag: the router was down before it
        Map<String, Object> up = routers.update(FakeCore.ADMIN, r, Map.of("ha", false, "admin_state_up", true));
        assertEquals(false, up.get("ha"));
        assertEquals(true, up.get("admin_state_up"));
        assertEquals("network:router_interface", core.ports.get(port).get("device_owner"));
    }

    @Test
    public void flagsPersist() {
        String r = id(createWith(Map.of("ha", true)));
        jpa.tx(em -> {
            RouterEntity e = em.find(RouterEntity.class, r);
            assertTrue(e.isHa());
            assertEquals(false, e.isDistributed());
        });
    }

    @Test
    public void pluginDeclaresTheAliases() {
        assertTrue(new RouterPlugin().supportedExtensionAliases().containsAll(List.of("l3-ha", "dvr",
                "router-admin-state-down-before-update")));
        assertEquals(List.of("router"), RouterPlugin.ownDefinitions()
                .extension("router-admin-state-down-before-update").requires());
    }

    private List<String> snatPorts(String routerId) {
        return core.ports.values().stream().filter(p -> routerId.equals(p.get("device_id"))
                && "network:router_centralized_snat".equals(p.get("device_owner"))).map(p -> (String) p.get("id"))
                .toList();
    }

    @Test
    public void aDistributedRouterWithAGatewayHasAnSnatPortPerInterface() {
        String r = id(createWith(Map.of("distributed", true)));
        String net = core.network(false);
        String subnet = core.subnet(net, "10.6.0", true);
        String iface = (String) addInterface(r, "subnet_id", subnet).get("port_id");
        assertEquals(List.of(), snatPorts(r));
        update(r, RouterHandler.GATEWAY_INFO, Map.of("network_id", external));
        List<String> snat = snatPorts(r);
        assertEquals(1, snat.size());
        Map<String, Object> port = core.ports.get(snat.get(0));
        assertEquals(net, port.get("network_id"));
        assertEquals("", port.get("tenant_id"));
        // Neutron guards it as a router port, and it is no interface of the router
        expect(409, "ServicePortInUse", () -> core.resources.deletePort(FakeCore.ADMIN, snat.get(0)));
        assertEquals(List.of(iface), jpa.txExpr(em -> RouterPorts.interfacePortIds(em, r)));
        expect(404, "RouterInterfaceNotFound", () -> routers.action(FakeCore.ADMIN, r, "remove_router_interface",
                Map.of("port_id", snat.get(0))));
        update(r, RouterHandler.GATEWAY_INFO, null);
        assertEquals(List.of(), snatPorts(r));
        assertTrue(core.ports.containsKey(iface));
    }

    @Test
    public void snatPortsFollowInterfacesAndMigration() {
        String r = id(createRouter(external));
        String net = core.network(false);
        String subnet = core.subnet(net, "10.7.0", true);
        addInterface(r, "subnet_id", subnet);
        assertEquals(List.of(), snatPorts(r));
        update(r, "admin_state_up", false);
        update(r, "distributed", true);
        assertEquals(1, snatPorts(r).size());
        routers.action(FakeCore.ADMIN, r, "remove_router_interface", Map.of("subnet_id", subnet));
        assertEquals(List.of(), snatPorts(r));
        addInterface(r, "subnet_id", subnet);
        assertEquals(1, snatPorts(r).size());
        update(r, "distributed", false);
        assertEquals(List.of(), snatPorts(r));
    }
}
