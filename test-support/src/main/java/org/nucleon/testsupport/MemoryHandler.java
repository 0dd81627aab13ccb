package org.nucleon.testsupport;

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

/**
 * Another plugin's collection as a plugin under test reaches it, kept in memory: creates get an
 * id, lists match filters by equality, a missing item is {@code <Resource>NotFound}. Thread-safe.
 */
public class MemoryHandler implements ResourceHandler {
    private final String resourceName;
    private final Map<String, Map<String, Object>> items = new ConcurrentHashMap<>();

    /** @param resourceName Neutron's name in the 404, e.g. {@code Network} */
    public MemoryHandler(String resourceName) {
        this.resourceName = resourceName;
    }

    /** The stored items, by id: tests look and change them directly. */
    public Map<String, Map<String, Object>> items() {
        return items;
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        Map<String, Object> item = new LinkedHashMap<>(resource);
        item.putIfAbsent("id", UUID.randomUUID().toString());
        items.put((String) item.get("id"), item);
        return new LinkedHashMap<>(item);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        Map<String, Object> found = items.get(id);
        if (found == null) {
            throw NeutronException.notFound(resourceName, id);
        }
        return new LinkedHashMap<>(found);
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Map<String, Object>> out = new ArrayList<>();
        items.values().stream().filter(i -> query.filters().entrySet().stream()
                .allMatch(f -> f.getValue().contains(i.get(f.getKey())))).forEach(i -> out.add(new LinkedHashMap<>(i)));
        return out;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        get(context, id);
        items.get(id).putAll(changes);
        return get(context, id);
    }

    @Override
    public void delete(RequestContext context, String id) {
        get(context, id);
        items.remove(id);
    }
}
