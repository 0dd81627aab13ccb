package org.nucleon.autoallocate;

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
 * The other plugins' collections a topology is made of, through their handlers only: they may
 * come and go (a plugin upgrade) without taking this one down; meanwhile its requests fail
 * with 503.
 */
@Component(service = Resources.class)
public class Resources {
    private final HandlerTracker handlers = new HandlerTracker(Map.of("networks", "core", "subnets", "core", "subnetpools",
            "core", "routers", "L3 router"));

    @Reference(service = ResourceHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(|(" + ResourceHandler.COLLECTION + "=networks)("
                    + ResourceHandler.COLLECTION + "=subnets)(" + ResourceHandler.COLLECTION + "=subnetpools)("
                    + ResourceHandler.COLLECTION + "=routers))")
    void bindHandler(ResourceHandler handler, Map<String, Object> properties) {
        handlers.bind(handler, properties);
    }

    void unbindHandler(ResourceHandler handler, Map<String, Object> properties) {
        handlers.unbind(handler, properties);
    }

    ResourceHandler networks() {
        return handlers.require("networks");
    }

    ResourceHandler subnets() {
        return handlers.require("subnets");
    }

    ResourceHandler routers() {
        return handlers.require("routers");
    }

    /** Neutron's get_default_subnetpool of each IP version that has one: IPv4 first. */
    List<Map<String, Object>> defaultSubnetPools(RequestContext context) {
        return handlers.require("subnetpools").list(context, query(Map.of("is_default", List.of(Boolean.TRUE))))
                .stream().sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
    }

    static int version(Map<String, Object> pool) {
        return ((Number) pool.get("ip_version")).intValue();
    }

    static ListQuery query(Map<String, List<Object>> filters) {
        return new ListQuery(filters, List.of(new SortKey("id", true)), 0, null, false);
    }
}
