package org.nucleon.internal.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.extension.ExtensionDescriptor;

/**
 * One immutable state of the API: the active extensions, the inactive ones with the reason,
 * and the route table. Swapped as a whole whenever an extension, plugin or handler comes or
 * goes, so a request sees one consistent API from start to end.
 */
public final class ApiSnapshot {

    public static final ApiSnapshot EMPTY = new ApiSnapshot(List.of(), Map.of(), List.of());

    private final List<ExtensionDescriptor> extensions;
    private final Map<String, String> inactive;
    private final List<Route> routes;
    /** Asked for every attribute of every listed item, so a lookup rather than a loop over the routes. */
    private final Map<String, Route> byCollection = new HashMap<>();

    /**
     * @param extensions active non-core extensions, ordered by name as Neutron lists them
     * @param inactive   alias to why it is not active
     * @param routes     every served collection; core collections first
     */
    public ApiSnapshot(List<ExtensionDescriptor> extensions, Map<String, String> inactive, List<Route> routes) {
        this.extensions = List.copyOf(extensions);
        this.inactive = Map.copyOf(inactive);
        this.routes = List.copyOf(routes);
        routes.forEach(r -> byCollection.putIfAbsent(r.collection(), r));
    }

    public List<ExtensionDescriptor> extensions() {
        return extensions;
    }

    public Map<String, String> inactive() {
        return inactive;
    }

    public List<Route> routes() {
        return routes;
    }

    public ExtensionDescriptor extension(String alias) {
        return extensions.stream().filter(e -> e.alias().equals(alias)).findFirst().orElse(null);
    }

    public boolean isActive(String alias) {
        return extension(alias) != null;
    }

    /** The route of a collection, or null. */
    public Route route(String collection) {
        return byCollection.get(collection);
    }

    public List<Route> coreRoutes() {
        return routes.stream().filter(Route::core).toList();
    }

    /**
     * Resolves path segments below {@code /v2.0}: {@code collection}, {@code collection/id},
     * {@code collection/id/action}, {@code collection/action}, {@code collection/id/sub[/item]} for a member sub-resource,
     * and the same under a parent's {@code parents/pid/}. Returns null when nothing matches.
     */
    public RouteMatch match(List<String> segments) {
        for (Route r : routes) {
            RouteMatch m = match(r, r.pathPattern(), segments);
            if (m != null) {
                return m;
            }
        }
        // Neutron hangs member sub-resources on the bare collection name, without the collection's
        // prefix: the tags of /v2.0/qos/policies/{id} are at /v2.0/policies/{id}/tags
        for (Route r : routes) {
            List<String> p = r.pathPattern();
            if (!r.subResources().isEmpty() && p.size() > 1 && !p.contains(null)) {
                RouteMatch m = match(r, p.subList(p.size() - 1, p.size()), segments);
                if (m != null && m.subResource() != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static RouteMatch match(Route r, List<String> p, List<String> segments) {
        if (segments.size() < p.size() || segments.size() > p.size() + 3) {
            return null;
        }
        String parentId = null;
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i) == null) {
                parentId = segments.get(i);
            } else if (!p.get(i).replace('_', '-').equals(segments.get(i).replace('_', '-'))) {
                return null;
            }
        }
        List<String> rest = segments.subList(p.size(), segments.size());
        if (rest.isEmpty()) {
            return new RouteMatch(r, parentId, null, null);
        }
        if (rest.size() == 1) {
            // as Neutron's routes map them, collection actions shadow a member of that id
            return r.collectionActions().containsKey(rest.get(0)) ? new RouteMatch(r, parentId, null, rest.get(0))
                    : new RouteMatch(r, parentId, rest.get(0), null);
        }
        if (r.subResources().containsKey(rest.get(1))) {
            return new RouteMatch(r, parentId, rest.get(0), null, rest.get(1), rest.size() == 3 ? rest.get(2) : null);
        }
        if (rest.size() == 2 && r.actions().containsKey(rest.get(1))) {
            return new RouteMatch(r, parentId, rest.get(0), rest.get(1));
        }
        return null;
    }
}
