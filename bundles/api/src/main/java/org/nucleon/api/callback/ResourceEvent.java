package org.nucleon.api.callback;

import java.util.Map;
import org.nucleon.api.context.RequestContext;

/**
 * One event about one resource.
 *
 * @param resource the resource's member name, e.g. {@code network}, {@code port}
 * @param id       the resource's id (null in BEFORE_CREATE)
 * @param state    the resource as it is (the request body in BEFORE_CREATE / BEFORE_UPDATE)
 * @param original the resource before an update or delete, else null
 * @param request  the checked body of a create or update, else null: other plugins store their
 *                 own attributes of this resource from it (e.g. a network's qos_policy_id)
 */
public record ResourceEvent(String resource, Event event, RequestContext context, String id,
        Map<String, Object> state, Map<String, Object> original, Map<String, Object> request) {
}
