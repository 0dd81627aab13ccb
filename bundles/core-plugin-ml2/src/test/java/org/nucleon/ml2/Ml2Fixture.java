package org.nucleon.ml2;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.rbac.RbacPolicies;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.ml2.addressscope.AddressScopeHandler;
import org.nucleon.ml2.ipam.NetworkIpAvailabilityHandler;
import org.nucleon.ml2.mechanism.MechanismManager;
import org.nucleon.ml2.network.NetworkHandler;
import org.nucleon.ml2.port.NetworkPorts;
import org.nucleon.ml2.port.PortHandler;
import org.nucleon.ml2.rbac.RbacPolicyHandler;
import org.nucleon.ml2.rbac.TestRbac;
import org.nucleon.ml2.securitygroup.DefaultGroupOnCreate;
import org.nucleon.ml2.securitygroup.SecurityGroupHandler;
import org.nucleon.ml2.securitygroup.SecurityGroupRuleHandler;
import org.nucleon.ml2.securitygroup.SecurityGroups;
import org.nucleon.ml2.type.TestTypes;
import org.nucleon.ml2.type.TypeManager;
import org.nucleon.ml2.subnet.SubnetHandler;
import org.nucleon.ml2.subnetpool.SubnetPoolHandler;

/**
 * The ML2 handlers on one in-memory database, and bodies as the REST layer hands them over. They
 * publish their events to the API bundle's real callback registry, where the plugin's own
 * subscribers are bound as in the distribution: the mechanism manager, network delete's
 * cascade and the default security group on network create.
 */
public final class Ml2Fixture implements AutoCloseable {
    public final TestJpa jpa = new TestJpa();
    public final CallbackRegistry callbacks = TestCallbacks.registry();
    public final TypeManager types = TestTypes.manager();
    public final RbacPolicyHandler rbac = TestRbac.handler(jpa);
    public final SecurityGroups groups = wire(new SecurityGroups());
    public final MechanismManager mechanisms = wire(new MechanismManager());
    public final NetworkHandler networks = wire(new NetworkHandler());
    public final PortHandler ports = wire(new PortHandler());
    public final SubnetHandler subnets = wire(new SubnetHandler());
    public final NetworkPorts networkPorts = wire(new NetworkPorts());
    public final SubnetPoolHandler pools = wire(new SubnetPoolHandler());
    public final AddressScopeHandler scopes = wire(new AddressScopeHandler());
    public final NetworkIpAvailabilityHandler availability = wire(new NetworkIpAvailabilityHandler());
    public final SecurityGroupHandler securityGroups = wire(new SecurityGroupHandler());
    public final SecurityGroupRuleHandler securityGroupRules = wire(new SecurityGroupRuleHandler());

    public Ml2Fixture() {
        List<String> resources = List.of("network", "subnet", "port");
        TestCallbacks.subscribe(callbacks, mechanisms, resources, List.of("precommit_create", "precommit_update",
                "precommit_delete", "after_create", "after_update", "after_delete"), null);
        TestCallbacks.subscribe(callbacks, networkPorts, List.of("network"), List.of("precommit_delete"),
                NetworkPorts.PRIORITY);
        TestCallbacks.subscribe(callbacks, wire(new DefaultGroupOnCreate()), List.of("network"),
                List.of("before_create"), null);
    }

    /**
     * Sets the DS-injected fields (package-private in each component's package) by their type,
     * as DS would: the persistence unit, the type drivers, the security groups, the handlers
     * other components call, the callback registry.
     */
    private <C> C wire(C component) {
        Map<Class<?>, Object> services = new HashMap<>();
        services.put(JpaTemplate.class, jpa);
        services.put(TypeManager.class, types);
        services.put(SecurityGroups.class, groups);
        services.put(MechanismManager.class, mechanisms);
        services.put(RbacPolicyHandler.class, rbac);
        services.put(RbacPolicies.class, rbac);
        services.put(CallbackRegistry.class, callbacks);
        services.put(PortHandler.class, ports);
        services.put(SubnetHandler.class, subnets);
        try {
            for (Field f : component.getClass().getDeclaredFields()) {
                Object service = services.get(f.getType());
                if (service != null) {
                    f.setAccessible(true);
                    f.set(component, service);
                }
            }
            return component;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A map of alternating keys and values (values may be null). */
    public static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public String network(String name) {
        return (String) networks.create(TestJpa.ADMIN, body("name", name, "tenant_id", "p1", "admin_state_up", true,
                "shared", false)).get("id");
    }

    /** A subnet body with the REST layer's defaults, plus the given attributes. */
    public Map<String, Object> subnetBody(String networkId, int ipVersion, Object... kv) {
        Map<String, Object> b = body("network_id", networkId, "ip_version", ipVersion, "tenant_id", "p1", "name", "",
                "enable_dhcp", true, "use_default_subnetpool", false);
        b.putAll(body(kv));
        return b;
    }

    public Map<String, Object> subnet(String networkId, int ipVersion, Object... kv) {
        return subnets.create(TestJpa.ADMIN, subnetBody(networkId, ipVersion, kv));
    }

    public Map<String, Object> pool(Object... kv) {
        Map<String, Object> b = body("tenant_id", "p1", "name", "pool", "is_default", false, "shared", false);
        b.putAll(body(kv));
        return pools.create(TestJpa.ADMIN, b);
    }

    /** Runs the code, expecting Neutron's error of that type; returns it for more checks. */
    public static NeutronException expect(String type, Runnable code) {
        try {
            code.run();
        } catch (NeutronException e) {
            assertEquals(e.getMessage(), type, e.type());
            return e;
        }
        fail("expected " + type);
        return null;
    }

    /** A port body with the REST layer's defaults, plus the given attributes. */
    public Map<String, Object> port(String networkId, Object... kv) {
        Map<String, Object> b = body("network_id", networkId, "tenant_id", "p1", "name", "", "admin_state_up", true,
                "device_id", "", "device_owner", "", "binding:vnic_type", "normal", "extra_dhcp_opts", null);
        b.putAll(body(kv));
        return ports.create(TestJpa.ADMIN, b);
    }

    @Override
    public void close() {
        jpa.close();
    }
}
