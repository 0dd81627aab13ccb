package org.nucleon.extensions.quotas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/** A collection kept in memory, safe for concurrent creates; counts by exact filter match. */
final class MemoryHandler implements ResourceHandler {
    final Map<String, Map<String, Object>> items = new ConcurrentHashMap<>();
    /** Thrown by every create when set. */
    volatile RuntimeException failure;

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        if (failure != null) {
            throw failure;
        }
        Map<String, Object> item = new LinkedHashMap<>(resource);
        item.put("id", UUID.randomUUID().toString());
        items.put((String) item.get("id"), item);
        return item;
    }

    /** Stores an item of a project directly, as a plugin's own create (a default group) would. */
    void add(String project) {
        create(null, Map.of("tenant_id", project, "project_id", project));
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        Map<String, Object> item = items.get(id);
        if (item == null) {
            throw NeutronException.httpNotFound();
        }
        return item;
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Map<String, Object>> out = new ArrayList<>();
        items.values().forEach(i -> {
            if (query.filters().entrySet().stream().allMatch(f -> f.getValue().contains(i.get(f.getKey())))) {
                out.add(i);
            }
        });
        return out;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(RequestContext context, String id) {
        items.remove(id);
    }
}
