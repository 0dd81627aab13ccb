package org.nucleon.api.plugin;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;

/**
 * A handler of a collection that serves only some operations (list-only collections, Neutron's
 * sub-resources whose plugin has no such method): those it does not override answer 404, as a
 * route Neutron does not have.
 */
public abstract class PartialHandler implements ResourceHandler {
    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
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
