package org.nucleon.api.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.error.NeutronException;

/**
 * Other plugins' resource handlers a plugin uses, by collection name, for a component that
 * reaches another plugin only through its handler services: they may come and go (that plugin's
 * upgrade or uninstall) without taking this one down; meanwhile {@link #require} answers 503.
 * The component hands over its dynamic, multiple reference to {@link ResourceHandler} (targeted
 * at the collections it uses, the bind and unbind methods taking the service properties too):
 *
 * <pre>
 * &#64;Reference(service = ResourceHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
 *         policy = ReferencePolicy.DYNAMIC, target = "(|(nucleon.collection=networks)(nucleon.collection=ports))")
 * void bindHandler(ResourceHandler handler, Map&lt;String, Object&gt; properties) {
 *     handlers.bind(handler, properties);
 * }
 * </pre>
 *
 * Of several handlers of one collection the best by OSGi's order (highest {@code service.ranking},
 * then lowest {@code service.id}) serves, as a unary reference would bind it. Since 1.2.
 */
public final class HandlerTracker {
    /** Highest ranking first, then the oldest service. */
    private static final Comparator<Bound> BEST = Comparator.comparingInt(Bound::ranking).reversed()
            .thenComparingLong(Bound::serviceId);

    private record Bound(ResourceHandler handler, int ranking, long serviceId) {
    }

    private final Map<String, String> plugins;
    private final Map<String, List<Bound>> bound = new HashMap<>();
    /** The serving handler of each collection, replaced whole so that requests read it without a lock. */
    private volatile Map<String, ResourceHandler> serving = Map.of();

    /**
     * @param plugins each collection used, to the plugin serving it as the 503's message names it
     *        ({@code "core"}: "The core plugin is not available.")
     */
    public HandlerTracker(Map<String, String> plugins) {
        this.plugins = Map.copyOf(plugins);
    }

    /** A handler service came; collections not named at construction are ignored. */
    public synchronized void bind(ResourceHandler handler, Map<String, Object> properties) {
        String collection = collection(properties);
        if (plugins.containsKey(collection)) {
            bound.computeIfAbsent(collection, c -> new ArrayList<>()).add(new Bound(handler,
                    properties.get("service.ranking") instanceof Integer r ? r : 0,
                    properties.get("service.id") instanceof Long id ? id : Long.MAX_VALUE));
            refresh();
        }
    }

    /** A handler service went. */
    public synchronized void unbind(ResourceHandler handler, Map<String, Object> properties) {
        List<Bound> handlers = bound.get(collection(properties));
        if (handlers != null && handlers.removeIf(b -> b.handler() == handler)) {
            refresh();
        }
    }

    /**
     * The handler of a collection named at construction.
     *
     * @throws NeutronException 503 {@code HTTPServiceUnavailable} while no handler serves it
     */
    public ResourceHandler require(String collection) {
        ResourceHandler handler = serving.get(collection);
        if (handler == null) {
            String plugin = plugins.get(collection);
            if (plugin == null) {
                throw new IllegalArgumentException("not tracked: " + collection);
            }
            throw new NeutronException(503, "HTTPServiceUnavailable", "The " + plugin + " plugin is not available.");
        }
        return handler;
    }

    private static String collection(Map<String, Object> properties) {
        return String.valueOf(properties.get(ResourceHandler.COLLECTION));
    }

    private void refresh() {
        Map<String, ResourceHandler> next = new HashMap<>();
        bound.forEach((collection, handlers) -> handlers.stream().min(BEST)
                .ifPresent(b -> next.put(collection, b.handler())));
        serving = Map.copyOf(next);
    }
}
