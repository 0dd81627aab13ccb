package org.nucleon.qos.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;

/**
 * {@code /v2.0/qos/rule-types}: the types this plugin serves, read-only. A show has the drivers'
 * details (qos-rule-type-details); a list only the types, as Neutron's.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=rule_types")
public class RuleTypeHandler implements ResourceHandler {
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Object> wanted = query.filters().get("type");
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleType t : RuleType.values()) {
            if (wanted == null || wanted.contains(t.typeName())) {
                out.add(Map.of("type", t.typeName()));
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> get(RequestContext context, String type) {
        RuleType t = RuleType.byName(type);
        if (t == null) {
            throw NeutronException.httpNotFound();
        }
        return t.details();
    }

    /** Rule types are what the plugin implements: nothing to create, change or delete. */
    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public void delete(RequestContext context, String id) {
        throw NeutronException.httpNotFound();
    }
}
