package org.nucleon.router;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.HandlerTracker;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * l3-flavors: a router's {@code flavor_id}, checked through the flavors plugin's services as
 * Neutron's L3 DriverController does (the flavor, its next provider, the provider's support of
 * the router's ha and distributed flags). {@link FlavorInUse} guards the other direction.
 */
@Component(service = L3Flavors.class)
public class L3Flavors {
    static final String FLAVOR_ID = "flavor_id";

    private final HandlerTracker handlers = new HandlerTracker(Map.of("flavors", "flavors",
            "flavors/next_providers", "flavors"));

    @Reference(service = ResourceHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(|(" + ResourceHandler.COLLECTION + "=flavors)("
                    + ResourceHandler.COLLECTION + "=flavors/next_providers))")
    void bindHandler(ResourceHandler handler, Map<String, Object> properties) {
        handlers.bind(handler, properties);
    }

    void unbindHandler(ResourceHandler handler, Map<String, Object> properties) {
        handlers.unbind(handler, properties);
    }

    /**
     * Checks a new router's flavor, when its body names one: it exists, serves L3_ROUTER_NAT, is
     * enabled, and its next provider is one of this plugin's and supports the ha and distributed
     * flags the body sets.
     */
    void check(RequestContext context, Map<String, Object> router) {
        if (!router.containsKey(FLAVOR_ID)) {
            return;
        }
        ResourceHandler f = handlers.require("flavors");
        ResourceHandler next = handlers.require("flavors/next_providers");
        // a null id is looked up as Python's None, as Neutron does
        String id = String.valueOf(router.get(FLAVOR_ID) == null ? "None" : router.get(FLAVOR_ID));
        Map<String, Object> flavor = f.get(context, id);
        if (!L3Providers.SERVICE_TYPE.equals(flavor.get("service_type"))) {
            throw new NeutronException(400, "InvalidServiceType", "Invalid service type: " + flavor.get("service_type")
                    + ".");
        }
        if (!Boolean.TRUE.equals(flavor.get("enabled"))) {
            throw new NeutronException(503, "FlavorDisabled", "Flavor is not enabled.");
        }
        List<Map<String, Object>> providers = next.under(id).list(context, ListQuery.all());
        L3Providers.supports(String.valueOf(providers.get(0).get("provider")), router);
    }
}
