package org.nucleon.qos.policy;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.qos.binding.Bindings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The core plugin's networks and ports that QoS bindings name, asked as admin. The core plugin
 * may be absent (stopped, being upgraded): then nothing is known of them, which differs from their
 * being gone.
 */
@Component(service = CoreResources.class)
public class CoreResources {
    @Reference(target = "(" + ResourceHandler.COLLECTION + "=networks)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile ResourceHandler networks;

    @Reference(target = "(" + ResourceHandler.COLLECTION + "=ports)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile ResourceHandler ports;

    /** The project of a bound network or port; null when unknown (core plugin absent, or it is gone). */
    String projectOf(String resourceType, String resourceId, String requestId) {
        Map<String, Object> found = find(resourceType, resourceId, requestId);
        return found == null ? null : (String) found.get("tenant_id");
    }

    /** Whether the core plugin says the bound network or port no longer exists. */
    boolean gone(String resourceType, String resourceId, String requestId) {
        return handler(resourceType) != null && find(resourceType, resourceId, requestId) == null;
    }

    private ResourceHandler handler(String resourceType) {
        return Bindings.NETWORK.equals(resourceType) ? networks : ports;
    }

    private Map<String, Object> find(String resourceType, String resourceId, String requestId) {
        ResourceHandler core = handler(resourceType);
        if (core == null) {
            return null;
        }
        try {
            return core.get(new RequestContext(null, null, List.of("admin"), true, requestId), resourceId);
        } catch (NeutronException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
