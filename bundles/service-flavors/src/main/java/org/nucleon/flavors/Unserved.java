package org.nucleon.flavors;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/** A handler that serves none of the operations but those it overrides: the others are 404. */
abstract class Unserved implements ResourceHandler {
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
