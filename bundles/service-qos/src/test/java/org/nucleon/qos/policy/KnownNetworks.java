package org.nucleon.qos.policy;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/** The core plugin's networks as far as the QoS plugin asks: which exist, and their projects. */
final class KnownNetworks implements ResourceHandler {
    private final Map<String, String> projects;

    /** @param projects network id to its project */
    KnownNetworks(Map<String, String> projects) {
        this.projects = projects;
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        if (!projects.containsKey(id)) {
            throw NeutronException.notFound("Network", id);
        }
        return Map.of("id", id, "tenant_id", projects.get(id));
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(RequestContext context, String id) {
        throw new UnsupportedOperationException();
    }
}
