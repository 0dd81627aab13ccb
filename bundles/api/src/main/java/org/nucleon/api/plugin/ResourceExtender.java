package org.nucleon.api.plugin;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;

/**
 * Adds a plugin's own attributes to another plugin's resources, as Neutron's resource_extend
 * functions do (e.g. the QoS plugin's {@code qos_policy_id} on networks and ports). Published as
 * an OSGi service with the property {@link ResourceHandler#COLLECTION}; the REST layer calls it
 * on every item a handler returns before fields are chosen. The write side goes through
 * callbacks (PRECOMMIT_CREATE / PRECOMMIT_UPDATE carry the request body).
 */
@FunctionalInterface
public interface ResourceExtender {
    /** Adds attributes to the items, in place; one query per call, not per item. */
    void extend(RequestContext context, List<Map<String, Object>> items);
}
