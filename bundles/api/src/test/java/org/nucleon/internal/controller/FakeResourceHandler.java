package org.nucleon.internal.controller;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

/**
 * An in-memory collection for tests: honours ListQuery filters (equality), sorting, marker,
 * limit and page_reverse the way a native-pagination plugin does, and records what it was given.
 */
final class FakeResourceHandler implements ResourceHandler {
    private final String resourceName;
    final Map<String, Map<String, Object>> store = new LinkedHashMap<>();
    /** Added to every stored item: not in any attribute map, so the controller must strip it. */
    final Map<String, Object> extraOnEveryItem = new LinkedHashMap<>();
    ListQuery lastQuery;
    /** Every list query, in order. */
    final List<ListQuery> queries = new ArrayList<>();
    /** What {@link #nativePagination} answers: this handler pages as a database-backed one does. */
    boolean pagesNatively;
    RequestContext lastContext;
    Map<String, Object> lastCreated;
    Map<String, Object> lastChanges;
    /** When set, every call runs {@link #beforeFailure} and then throws this. */
    RuntimeException failure;
    Runnable beforeFailure = () -> { };
    /** What a member action answers; null for none (then the SPI's default 404 applies). */
    Map<String, Object> actionResult;
    String lastAction;
    Map<String, Object> lastActionBody;
    /** Ids {@link #touch} was called with, in order. */
    final List<String> touched = new ArrayList<>();

    FakeResourceHandler(String resourceName) {
        this.resourceName = resourceName;
    }

    /** Stores an item as is, with the given id. */
    Map<String, Object> put(String id, Object... kv) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        for (int i = 0; i < kv.length; i += 2) {
            item.put((String) kv[i], kv[i + 1]);
        }
        item.putAll(extraOnEveryItem);
        store.put(id, item);
        return item;
    }

    private void maybeFail() {
        if (failure != null) {
            beforeFailure.run();
            throw failure;
        }
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        maybeFail();
        lastContext = context;
        lastCreated = resource;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", UUID.randomUUID().toString());
        item.putAll(resource);
        item.put("status", "ACTIVE");
        item.put("subnets", new ArrayList<>());
        item.putAll(extraOnEveryItem);
        store.put((String) item.get("id"), item);
        return new LinkedHashMap<>(item);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        maybeFail();
        lastContext = context;
        Map<String, Object> item = store.get(id);
        if (item == null) {
            throw NeutronException.notFound(resourceName, id);
        }
        return new LinkedHashMap<>(item);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        maybeFail();
        lastContext = context;
        lastQuery = query;
        queries.add(query);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> item : store.values()) {
            boolean ok = query.filters().entrySet().stream()
                    .allMatch(f -> f.getValue().contains(item.get(f.getKey())));
            if (ok) {
                items.add(new LinkedHashMap<>(item));
            }
        }
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (SortKey s : query.sorts()) {
            Comparator<Map<String, Object>> c = Comparator.comparing(m -> (Comparable) m.get(s.attribute()),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            order = order.thenComparing(s.ascending() ? c : c.reversed());
        }
        items.sort(query.pageReverse() ? order.reversed() : order);
        if (query.limit() > 0) {
            if (query.marker() != null) {
                int at = -1;
                for (int i = 0; i < items.size(); i++) {
                    if (query.marker().equals(items.get(i).get("id"))) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw NeutronException.notFound(resourceName, query.marker());
                }
                items = new ArrayList<>(items.subList(at + 1, items.size()));
            }
            items = new ArrayList<>(items.subList(0, Math.min(query.limit(), items.size())));
            if (query.pageReverse()) {
                Collections.reverse(items);
            }
        }
        return items;
    }

    @Override
    public boolean nativePagination() {
        return pagesNatively;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        maybeFail();
        lastContext = context;
        lastChanges = changes;
        Map<String, Object> item = store.get(id);
        if (item == null) {
            throw NeutronException.notFound(resourceName, id);
        }
        item.putAll(changes);
        return new LinkedHashMap<>(item);
    }

    @Override
    public void delete(RequestContext context, String id) {
        maybeFail();
        lastContext = context;
        if (store.remove(id) == null) {
            throw NeutronException.notFound(resourceName, id);
        }
    }

    @Override
    public void touch(RequestContext context, String id) {
        touched.add(id);
    }

    @Override
    public Map<String, Object> action(RequestContext context, String id, String action, Map<String, Object> body) {
        maybeFail();
        if (actionResult == null) {
            return ResourceHandler.super.action(context, id, action, body);
        }
        lastContext = context;
        lastAction = id + "/" + action;
        lastActionBody = body;
        return actionResult;
    }
}
