package org.nucleon.router;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.nucleon.api.error.NeutronException;

/** The router plugin's handlers on a fresh database and a fake core, with an external network ready. */
public abstract class RouterFixture {
    TestJpa jpa;
    FakeCore core;
    RouterHandler routers;
    FloatingIpHandler fips;
    String external;
    String externalSubnet;

    @Before
    public void setUp() {
        jpa = new TestJpa();
        core = new FakeCore(jpa);
        routers = new RouterHandler();
        routers.jpa = jpa;
        routers.core = core.resources;
        routers.flavors = new L3Flavors();
        fips = new FloatingIpHandler();
        fips.jpa = jpa;
        fips.core = core.resources;
        external = core.network(true);
        externalSubnet = core.subnet(external, "198.51.100", true);
    }

    @After
    public void tearDown() {
        jpa.close();
    }

    /** A router create body as the REST layer hands it over: defaults filled in. */
    Map<String, Object> createRouter(String gatewayNetwork) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "r1", "admin_state_up", true, "tenant_id", "p1"));
        body.put(RouterHandler.GATEWAY_INFO, gatewayNetwork == null ? null : Map.of("network_id", gatewayNetwork));
        return routers.create(FakeCore.ADMIN, body);
    }

    Map<String, Object> addInterface(String routerId, String key, String id) {
        return routers.action(FakeCore.ADMIN, routerId, "add_router_interface", Map.of(key, id));
    }

    static String id(Map<String, Object> resource) {
        return (String) resource.get("id");
    }

    static NeutronException expect(int status, String type, Runnable call) {
        try {
            call.run();
        } catch (NeutronException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(e.getMessage(), type, e.type());
            return e;
        }
        fail("expected " + type);
        return null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
