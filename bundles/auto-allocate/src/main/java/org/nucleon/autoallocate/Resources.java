package org.nucleon.autoallocate;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The other plugins' collections a topology is made of, through their handlers only: they may
 * come and go (a plugin upgrade) without taking this one down; meanwhile its requests fail.
 */
@Component(service = Resources.class)
public class Resources {
    @Reference(target = "(" + ResourceHandler.COLLECTION + "=networks)", policy = ReferencePolicy.DYNAMIC,
            cardinality = ReferenceCardinality.OPTIONAL)
    volatile ResourceHandler networks;

    @Reference(target = "(" + ResourceHandler.COLLECTION + "=subnets)", policy = ReferencePolicy.DYNAMIC,
            cardinality = ReferenceCardinality.OPTIONAL)
    volatile ResourceHandler subnets;

    @Reference(target = "(" + ResourceHandler.COLLECTION + "=subnetpools)", policy = ReferencePolicy.DYNAMIC,
            cardinality = ReferenceCardinality.OPTIONAL)
    volatile ResourceHandler subnetpools;

    @Reference(target = "(" + ResourceHandler.COLLECTION + "=routers)", policy = ReferencePolicy.DYNAMIC,
            cardinality = ReferenceCardinality.OPTIONAL)
    volatile ResourceHandler routers;

    ResourceHandler networks() {
        return require(networks, "core");
    }

    ResourceHandler subnets() {
        return require(subnets, "core");
    }

    ResourceHandler routers() {
        return require(routers, "L3 router");
    }

    /** Neutron's get_default_subnetpool of each IP version that has one: IPv4 first. */
    List<Map<String, Object>> defaultSubnetPools(RequestContext context) {
        return require(subnetpools, "core").list(context, query(Map.of("is_default", List.of(Boolean.TRUE))))
                .stream().sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
    }

    static int version(Map<String, Object> pool) {
        return ((Number) pool.get("ip_version")).intValue();
    }

    static ListQuery query(Map<String, List<Object>> filters) {
        return new ListQuery(filters, List.of(new SortKey("id", true)), 0, null, false);
    }

    private static ResourceHandler require(ResourceHandler handler, String plugin) {
        if (handler == null) {
            throw new NeutronException(503, "HTTPServiceUnavailable", "The " + plugin + " plugin is not available.");
        }
        return handler;
    }
}
