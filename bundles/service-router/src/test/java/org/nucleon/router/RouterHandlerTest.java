package org.nucleon.router;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.query.ListQuery;

public class RouterHandlerTest extends RouterFixture {
    private static final List<Map<String, Object>> ROUTE = List.of(Map.of("destination", "192.168.9.0/24",
            "nexthop", "10.0.0.99"));

    @Test
    public void gatewayIsACorePortOwnedByTheRouter() {
        Map<String, Object> r = createRouter(external);
        Map<String, Object> info = RouterHandler.map(r.get(RouterHandler.GATEWAY_INFO));
        assertEquals(external, info.get("network_id"));
        assertEquals(true, info.get("enable_snat"));
        Map<String, Object> fixed = list(info.get("external_fixed_ips")).get(0);
        assertEquals(externalSubnet, fixed.get("subnet_id"));
        Map<String, Object> port = core.ports.values().iterator().next();
        assertEquals("network:router_gateway", port.get("device_owner"));
        assertEquals(id(r), port.get("device_id"));
        assertEquals("", port.get("tenant_id"));
        assertEquals(fixed.get("ip_address"), CoreResources.fixedIps(port).get(0).get("ip_address"));
        assertEquals(List.of(), r.get("routes"));
        assertEquals(1, routers.list(FakeCore.ADMIN, ListQuery.all()).size());
    }

    @Test
    public void gatewayNeedsAnExternalNetwork() {
        String internal = core.network(false);
        var e = expect(400, "BadRequest", () -> createRouter(internal));
        assertEquals("Bad router request: Network " + internal + " is not an external network.", e.getMessage());
        assertTrue(routers.list(FakeCore.ADMIN, ListQuery.all()).isEmpty());
    }

    @Test
    public void clearingTheGatewayDeletesItsPortAndSnatIsSettable() {
        String r = id(createRouter(null));
        Map<String, Object> gw = new HashMap<>(Map.of("network_id", external, "enable_snat", false));
        Map<String, Object> updated = routers.update(FakeCore.ADMIN, r, Map.of(RouterHandler.GATEWAY_INFO, gw));
        assertEquals(false, RouterHandler.map(updated.get(RouterHandler.GATEWAY_INFO)).get("enable_snat"));
        assertEquals(1, core.ports.size());
        // the same network again without enable_snat means the default, as Neutron's ext-gw-mode
        updated = routers.update(FakeCore.ADMIN, r, Map.of(RouterHandler.GATEWAY_INFO, Map.of("network_id", external)));
        assertEquals(true, RouterHandler.map(updated.get(RouterHandler.GATEWAY_INFO)).get("enable_snat"));
        assertEquals(1, core.ports.size());
        String message = expect(409, "ExternalNetworkInUse", () -> jpa.tx(em -> ExternalNetworkGuard.networkUpdated(
                em, external, Map.of("router:external", true), Map.of("router:external", false)))).getMessage();
        assertEquals("External network " + external + " cannot be updated to be made non-external, since it has "
                + "existing gateway ports.", message);
        Map<String, Object> none = new HashMap<>();
        none.put(RouterHandler.GATEWAY_INFO, null);
        assertNull(routers.update(FakeCore.ADMIN, r, none).get(RouterHandler.GATEWAY_INFO));
        assertTrue(core.ports.isEmpty());
        jpa.tx(em -> ExternalNetworkGuard.networkUpdated(em, external, Map.of("router:external", true),
                Map.of("router:external", false)));
    }

    @Test
    public void addInterfaceBySubnetTakesTheGatewayAddress() {
        String r = id(createRouter(null));
        String net = core.network(false);
        String subnet = core.subnet(net, "10.0.0", true);
        Map<String, Object> result = addInterface(r, "subnet_id", subnet);
        // Neutron's revision moves on with the router's ports
        assertEquals(2L, routers.get(FakeCore.ADMIN, r).get("revision_number"));
        assertEquals(List.of("id", "tenant_id", "port_id", "network_id", "subnet_id", "subnet_ids"),
                List.copyOf(result.keySet()));
        assertEquals(r, result.get("id"));
        assertEquals(List.of(subnet), result.get("subnet_ids"));
        Map<String, Object> port = core.ports.get(result.get("port_id"));
        assertEquals("network:router_interface", port.get("device_owner"));
        assertEquals("10.0.0.1", CoreResources.fixedIps(port).get(0).get("ip_address"));
    }

    @Test
    public void addInterfaceRefusesWhatNeutronRefuses() {
        String r = id(createRouter(null));
        String net = core.network(false);
        String subnet = core.subnet(net, "10.0.0", true);
        addInterface(r, "subnet_id", subnet);
        assertEquals("Bad router request: Router already has a port on subnet " + subnet + ".",
                expect(400, "BadRequest", () -> addInterface(r, "subnet_id", subnet)).getMessage());
        String other = core.network(false);
        String overlapping = core.subnet(other, "10.0.0", true);
        assertEquals("Bad router request: Cidr 10.0.0.0/24 of subnet " + overlapping
                + " overlaps with cidr 10.0.0.0/24 of subnet " + subnet + ".",
                expect(400, "BadRequest", () -> addInterface(r, "subnet_id", overlapping)).getMessage());
        String noGateway = core.subnet(other, "10.1.0", false);
        assertEquals("Bad router request: Subnet for router interface must have a gateway IP.",
                expect(400, "BadRequest", () -> addInterface(r, "subnet_id", noGateway)).getMessage());
        assertEquals("Bad router request: Either subnet_id or port_id must be specified.", expect(400, "BadRequest",
                () -> routers.action(FakeCore.ADMIN, r, "add_router_interface", Map.of())).getMessage());
        assertEquals("Bad router request: Cannot specify both subnet-id and port-id.", expect(400, "BadRequest",
                () -> routers.action(FakeCore.ADMIN, r, "add_router_interface", Map.of("subnet_id", subnet,
                        "port_id", subnet))).getMessage());
        String used = core.port(other, "vm1");
        assertEquals("Unable to complete operation on port " + used + " for network " + other
                + ". Port already has an attached device vm1.",
                expect(409, "PortInUse", () -> addInterface(r, "port_id", used)).getMessage());
        assertEquals("Bad router request: 'abc' is not a valid UUID.", expect(400, "BadRequest",
                () -> addInterface(r, "subnet_id", "abc")).getMessage());
        expect(404, "HTTPNotFound", () -> routers.action(FakeCore.ADMIN, r, "add_external_gateways", Map.of()));
        assertEquals("Router x could not be found",
                expect(404, "RouterNotFound", () -> addInterface("x", "subnet_id", subnet)).getMessage());
    }

    @Test
    public void addInterfaceByPortTakesThePortOver() {
        String r = id(createRouter(null));
        String net = core.network(false);
        core.subnet(net, "10.2.0", true);
        String port = core.port(net, "");
        Map<String, Object> result = addInterface(r, "port_id", port);
        assertEquals(port, result.get("port_id"));
        assertEquals(r, core.ports.get(port).get("device_id"));
        assertEquals("network:router_interface", core.ports.get(port).get("device_owner"));
    }

    @Test
    public void routesNeedANexthopOnTheRouterButNotTheRouterItself() {
        String r = id(createRouter(null));
        var e = expect(400, "InvalidRoutes", () -> routers.update(FakeCore.ADMIN, r, Map.of("routes", ROUTE)));
        assertEquals("Invalid format for routes: [{'destination': '192.168.9.0/24', 'nexthop': '10.0.0.99'}], "
                + "the nexthop is not connected with router", e.getMessage());
        String subnet = core.subnet(core.network(false), "10.0.0", true);
        addInterface(r, "subnet_id", subnet);
        assertEquals(ROUTE, routers.update(FakeCore.ADMIN, r, Map.of("routes", ROUTE)).get("routes"));
        List<Map<String, Object>> self = List.of(Map.of("destination", "192.168.9.0/24", "nexthop", "10.0.0.1"));
        assertTrue(expect(400, "InvalidRoutes", () -> routers.update(FakeCore.ADMIN, r, Map.of("routes", self)))
                .getMessage().endsWith("the nexthop is used by router"));
        // re-setting the same route replaces the row rather than clashing with it
        assertEquals(ROUTE, routers.update(FakeCore.ADMIN, r, Map.of("routes", ROUTE)).get("routes"));
    }

    @Test
    public void removeInterfaceChecksRoutesThenDeletesThePort() {
        String r = id(createRouter(null));
        String subnet = core.subnet(core.network(false), "10.0.0", true);
        String port = (String) addInterface(r, "subnet_id", subnet).get("port_id");
        routers.update(FakeCore.ADMIN, r, Map.of("routes", ROUTE));
        Map<String, Object> bySubnet = Map.of("subnet_id", subnet);
        assertEquals("Router interface for subnet " + subnet + " on router " + r + " cannot be deleted, as it is "
                + "required by one or more routes.", expect(409, "RouterInterfaceInUseByRoute",
                        () -> routers.action(FakeCore.ADMIN, r, "remove_router_interface", bySubnet)).getMessage());
        routers.update(FakeCore.ADMIN, r, Map.of("routes", List.of()));
        assertEquals(port, routers.action(FakeCore.ADMIN, r, "remove_router_interface", bySubnet).get("port_id"));
        assertFalse(core.ports.containsKey(port));
        assertEquals("Router " + r + " has no interface on subnet " + subnet, expect(404,
                "RouterInterfaceNotFoundForSubnet", () -> routers.action(FakeCore.ADMIN, r, "remove_router_interface",
                        bySubnet)).getMessage());
        assertEquals("Router " + r + " does not have an interface with id " + port, expect(404,
                "RouterInterfaceNotFound", () -> routers.action(FakeCore.ADMIN, r, "remove_router_interface",
                        Map.of("port_id", port))).getMessage());
    }

    @Test
    public void routerPortsCannotBeDeletedDirectlyNorTheRouterWhileItHasInterfaces() {
        Map<String, Object> router = createRouter(external);
        String r = id(router);
        String subnet = core.subnet(core.network(false), "10.0.0", true);
        String port = (String) addInterface(r, "subnet_id", subnet).get("port_id");
        assertEquals("Port " + port + " cannot be deleted directly via the port API: has device owner "
                + "network:router_interface.", expect(409, "ServicePortInUse",
                        () -> core.resources.deletePort(FakeCore.ADMIN, port)).getMessage());
        String gwPort = core.ports.keySet().stream().filter(p -> !p.equals(port)).findFirst().orElseThrow();
        expect(409, "ServicePortInUse", () -> core.resources.deletePort(FakeCore.ADMIN, gwPort));
        assertEquals("Router " + r + " has ports still attached: " + port,
                expect(409, "RouterInUse", () -> routers.delete(FakeCore.ADMIN, r)).getMessage());
        routers.action(FakeCore.ADMIN, r, "remove_router_interface", Map.of("port_id", port));
        routers.delete(FakeCore.ADMIN, r);
        assertTrue(core.ports.isEmpty());
        expect(404, "RouterNotFound", () -> routers.get(FakeCore.ADMIN, r));
    }

    @Test
    public void theGatewaySubnetCountsForInterfacesAndRoutes() {
        String r = id(createRouter(external));
        assertEquals("Bad router request: Router already has a port on subnet " + externalSubnet + ".",
                expect(400, "BadRequest", () -> addInterface(r, "subnet_id", externalSubnet)).getMessage());
        String inside = core.subnet(core.network(false), "198.51.100", true);
        assertTrue(expect(400, "BadRequest", () -> addInterface(r, "subnet_id", inside)).getMessage()
                .endsWith(" overlaps with cidr 198.51.100.0/24 of subnet " + externalSubnet + "."));
        List<Map<String, Object>> viaGateway = List.of(Map.of("destination", "203.0.113.0/24",
                "nexthop", "198.51.100.77"));
        routers.update(FakeCore.ADMIN, r, Map.of("routes", viaGateway));
        Map<String, Object> none = new HashMap<>();
        none.put(RouterHandler.GATEWAY_INFO, null);
        assertTrue(expect(400, "InvalidRoutes", () -> routers.update(FakeCore.ADMIN, r, none)).getMessage()
                .endsWith("the nexthop is not connected with router"));
        assertEquals(viaGateway, routers.get(FakeCore.ADMIN, r).get("routes"));
    }

    @Test
    public void extraroutesAreAddedAndRemovedAtomically() {
        String r = id(createRouter(null));
        addInterface(r, "subnet_id", core.subnet(core.network(false), "10.0.0", true));
        Map<String, Object> other = Map.of("destination", "192.168.10.0/24", "nexthop", "10.0.0.98");
        Map<String, Object> added = RouterHandler.map(routers.action(FakeCore.ADMIN, r, "add_extraroutes",
                Map.of("router", Map.of("routes", List.of(ROUTE.get(0), other)))).get("router"));
        assertEquals(List.of(ROUTE.get(0), other), added.get("routes"));
        routers.action(FakeCore.ADMIN, r, "add_extraroutes", Map.of("router", Map.of("routes", ROUTE)));
        // adding a route the router has changes nothing, and a fresh read shows it so
        assertEquals(List.of(ROUTE.get(0), other), routers.get(FakeCore.ADMIN, r).get("routes"));
        Map<String, Object> removed = RouterHandler.map(routers.action(FakeCore.ADMIN, r, "remove_extraroutes",
                Map.of("router", Map.of("routes", ROUTE))).get("router"));
        assertEquals(List.of(other), removed.get("routes"));
        long revision = (Long) removed.get("revision_number");
        assertEquals(revision + 1, routers.update(FakeCore.ADMIN, r, Map.of("routes", List.of())).get("revision_number"));
        List<Map<String, Object>> far = List.of(Map.of("destination", "9.9.9.0/24", "nexthop", "10.99.0.1"));
        expect(400, "InvalidRoutes", () -> routers.action(FakeCore.ADMIN, r, "add_extraroutes",
                Map.of("router", Map.of("routes", far))));
        expect(400, "BadRequest", () -> routers.action(FakeCore.ADMIN, r, "add_extraroutes", Map.of("routes", far)));
    }
}
