package org.nucleon.autoallocate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.testsupport.JpaFixture;
import org.nucleon.testsupport.MemoryHandler;

/**
 * The nucleon-auto-allocate unit on a fresh in-memory Derby, the handler and the is_default
 * callback wired as DS would, and the core and router plugins' handlers in memory.
 */
final class AutoAllocateFixture extends JpaFixture {
    final MemoryHandler networks = new MemoryHandler("Network");
    final MemoryHandler subnets = new MemoryHandler("Subnet");
    final MemoryHandler subnetpools = new MemoryHandler("SubnetPool");
    final Routers routers = new Routers();
    final DefaultExternalNetworks externals = new DefaultExternalNetworks();
    final TopologyHandler topologies = new TopologyHandler();

    /** Routers whose interfaces are kept as a list of subnet ids, as add/remove_router_interface change it. */
    static class Routers extends MemoryHandler {
        Routers() {
            super("Router");
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> action(RequestContext context, String id, String action, Map<String, Object> body) {
            List<Object> interfaces = new ArrayList<>((List<Object>) get(context, id).getOrDefault("interfaces",
                    List.of()));
            if (action.equals("add_router_interface")) {
                interfaces.add(body.get("subnet_id"));
            } else if (!interfaces.remove(body.get("subnet_id"))) {
                throw new NeutronException(404, "RouterInterfaceNotFoundForSubnet", "no interface");
            }
            items().get(id).put("interfaces", interfaces);
            return Map.of("id", id);
        }
    }

    AutoAllocateFixture() {
        super("nucleon-auto-allocate");
        Resources r = new Resources();
        r.bindHandler(networks, Map.of(ResourceHandler.COLLECTION, "networks"));
        r.bindHandler(subnets, Map.of(ResourceHandler.COLLECTION, "subnets"));
        r.bindHandler(subnetpools, Map.of(ResourceHandler.COLLECTION, "subnetpools"));
        r.bindHandler(routers, Map.of(ResourceHandler.COLLECTION, "routers"));
        externals.jpa = this;
        topologies.jpa = this;
        topologies.resources = r;
        topologies.externals = externals;
    }

    /** A network, created as the core does, with is_default asked for or not (null). */
    String network(boolean external, Boolean isDefault) {
        Map<String, Object> n = networks.create(ADMIN, Map.of("name", "n", "router:external", external));
        Map<String, Object> request = isDefault == null ? Map.of() : Map.of("is_default", isDefault);
        externals.handle(new ResourceEvent("network", Event.PRECOMMIT_CREATE, ADMIN, (String) n.get("id"), n, null,
                request));
        return (String) n.get("id");
    }

    void pool(int version) {
        subnetpools.create(ADMIN, Map.of("name", "p" + version, "ip_version", version, "is_default", true));
    }
}
