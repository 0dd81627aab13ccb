package org.nucleon.router;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class FloatingIpHandlerTest extends RouterFixture {
    /** A floating IP create body as the REST layer hands it over: defaults filled in. */
    private Map<String, Object> createFip(String network, String portId) {
        Map<String, Object> body = new HashMap<>(Map.of("tenant_id", "p1", "floating_network_id", network));
        body.put("port_id", portId);
        body.put("fixed_ip_address", null);
        body.put("floating_ip_address", null);
        body.put("subnet_id", null);
        return fips.create(FakeCore.ADMIN, body);
    }

    /** A VM port on an internal subnet that a router with a gateway on the external network serves. */
    private String reachablePort(String[] router) {
        router[0] = id(createRouter(external));
        String net = core.network(false);
        addInterface(router[0], "subnet_id", core.subnet(net, "10.0.0", true));
        return core.port(net, "vm1");
    }

    @Test
    public void unassociatedFloatingIpHoldsAnExternalAddress() {
        Map<String, Object> fip = createFip(external, null);
        assertTrue(((String) fip.get("floating_ip_address")).startsWith("198.51.100."));
        assertNull(fip.get("router_id"));
        assertNull(fip.get("port_details"));
        assertEquals("DOWN", fip.get("status"));
        Map<String, Object> port = core.ports.values().iterator().next();
        assertEquals("network:floatingip", port.get("device_owner"));
        assertEquals(id(fip), port.get("device_id"));
        assertEquals("Port " + port.get("id") + " cannot be deleted directly via the port API: has device owner "
                + "network:floatingip.", expect(409, "ServicePortInUse",
                        () -> core.resources.deletePort(FakeCore.ADMIN, (String) port.get("id"))).getMessage());
        // unassociated floating IPs do not clash on the (network, fixed port, fixed address) key
        String second = id(createFip(external, null));
        fips.delete(FakeCore.ADMIN, id(fip));
        fips.delete(FakeCore.ADMIN, second);
        assertTrue(core.ports.isEmpty());
    }

    @Test
    public void floatingIpNeedsAnExternalNetwork() {
        String internal = core.network(false);
        assertEquals("Bad floatingip request: Network " + internal + " is not a valid external network.",
                expect(400, "BadRequest", () -> createFip(internal, null)).getMessage());
        expect(404, "NetworkNotFound", () -> createFip("nope", null));
    }

    @Test
    public void associationNeedsARouterBetweenThePortAndTheNetwork() {
        String net = core.network(false);
        String subnet = core.subnet(net, "10.5.0", true);
        String port = core.port(net, "vm1");
        assertEquals("External network " + external + " is not reachable from subnet " + subnet
                + ".  Therefore, cannot associate Port " + port + " with a Floating IP.",
                expect(404, "ExternalGatewayForFloatingIPNotFound", () -> createFip(external, port)).getMessage());
        String[] router = new String[1];
        String reachable = reachablePort(router);
        Map<String, Object> fip = createFip(external, reachable);
        assertEquals(router[0], fip.get("router_id"));
        assertTrue(fip.get("fixed_ip_address").toString().startsWith("10.0.0."));
        assertEquals("vm1", RouterHandler.map(fip.get("port_details")).get("device_id"));
        expect(409, "FloatingIPPortAlreadyAssociated", () -> createFip(external, reachable));
    }

    @Test
    public void associatedFloatingIpPinsGatewayAndInterfaceAndFollowsItsPort() {
        String[] router = new String[1];
        String port = reachablePort(router);
        String fip = id(createFip(external, port));
        Map<String, Object> none = new HashMap<>();
        none.put(RouterHandler.GATEWAY_INFO, null);
        expect(409, "RouterExternalGatewayInUseByFloatingIp", () -> routers.update(FakeCore.ADMIN, router[0], none));
        String subnet = (String) CoreResources.fixedIps(core.ports.get(port)).get(0).get("subnet_id");
        expect(409, "RouterInterfaceInUseByFloatingIP", () -> routers.action(FakeCore.ADMIN, router[0],
                "remove_router_interface", Map.of("subnet_id", subnet)));
        core.resources.deletePort(FakeCore.ADMIN, port);
        Map<String, Object> after = fips.get(FakeCore.ADMIN, fip);
        assertNull(after.get("port_id"));
        assertNull(after.get("router_id"));
        // no floating IP needs the gateway any more
        assertNull(routers.update(FakeCore.ADMIN, router[0], none).get(RouterHandler.GATEWAY_INFO));
    }

    @Test
    public void updateDisassociates() {
        String[] router = new String[1];
        String fip = id(createFip(external, reachablePort(router)));
        Map<String, Object> none = new HashMap<>();
        none.put("port_id", null);
        assertEquals("Bad floatingip request: fixed_ip_address cannot be specified without a port_id.",
                expect(400, "BadRequest", () -> fips.update(FakeCore.ADMIN, fip, Map.of("fixed_ip_address",
                        "10.0.0.5"))).getMessage());
        Map<String, Object> updated = fips.update(FakeCore.ADMIN, fip, none);
        assertNull(updated.get("router_id"));
        assertNull(updated.get("fixed_ip_address"));
        assertEquals("Floating IP x could not be found",
                expect(404, "FloatingIPNotFound", () -> fips.get(FakeCore.ADMIN, "x")).getMessage());
    }
}
