package org.nucleon.router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.HandlerTracker;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The core plugin as the router plugin sees it: its networks, subnets and ports handlers. They
 * may come and go (core upgrade) without taking the router plugin down; meanwhile its requests
 * fail with 503.
 */
@Component(service = CoreResources.class)
public class CoreResources {
    static final String DEVICE_OWNER = "device_owner";
    static final String DEVICE_ID = "device_id";
    static final String FIXED_IPS = "fixed_ips";
    /**
     * Whom the plugin reads as when building views, which have no caller, and acts as on the ports
     * of no project (gateway, floating IP, SNAT), as Neutron's L3 plugin uses context.elevated().
     */
    static final RequestContext ADMIN = new RequestContext(null, null, List.of("admin"), true, "req-router-plugin");

    private final HandlerTracker handlers = new HandlerTracker(Map.of("networks", "core", "subnets", "core", "ports",
            "core"));

    @Reference(service = ResourceHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(|(" + ResourceHandler.COLLECTION + "=networks)("
                    + ResourceHandler.COLLECTION + "=subnets)(" + ResourceHandler.COLLECTION + "=ports))")
    void bindHandler(ResourceHandler handler, Map<String, Object> properties) {
        handlers.bind(handler, properties);
    }

    void unbindHandler(ResourceHandler handler, Map<String, Object> properties) {
        handlers.unbind(handler, properties);
    }

    Map<String, Object> network(RequestContext context, String id) {
        return handlers.require("networks").get(context, id);
    }

    Map<String, Object> subnet(RequestContext context, String id) {
        return handlers.require("subnets").get(context, id);
    }

    Map<String, Object> port(RequestContext context, String id) {
        return handlers.require("ports").get(context, id);
    }

    /** Ports matching every filter (attribute to accepted values). */
    List<Map<String, Object>> ports(RequestContext context, Map<String, List<Object>> filters) {
        return handlers.require("ports").list(context, new ListQuery(filters, List.of(new SortKey("id", true)), 0,
                null, false));
    }

    /**
     * A port Neutron's L3 plugin owns, created as its plugin does: no name, up, no security
     * groups (network-owned), addresses as asked or automatic when {@code fixedIps} is null.
     */
    Map<String, Object> createPort(RequestContext context, String projectId, String networkId, String deviceId,
            String deviceOwner, List<Map<String, Object>> fixedIps) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("network_id", networkId);
        p.put("tenant_id", projectId);
        p.put("project_id", projectId);
        p.put("name", "");
        p.put("admin_state_up", true);
        p.put(DEVICE_ID, deviceId);
        p.put(DEVICE_OWNER, deviceOwner);
        p.put("mac_address", null);
        if (fixedIps != null) {
            p.put(FIXED_IPS, fixedIps);
        }
        return handlers.require("ports").create(context, p);
    }

    Map<String, Object> updatePort(RequestContext context, String id, Map<String, Object> changes) {
        return handlers.require("ports").update(context, id, changes);
    }

    void deletePort(RequestContext context, String id) {
        handlers.require("ports").delete(context, id);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> fixedIps(Map<String, Object> port) {
        Object ips = port.get(FIXED_IPS);
        return ips == null ? List.of() : (List<Map<String, Object>>) ips;
    }
}
