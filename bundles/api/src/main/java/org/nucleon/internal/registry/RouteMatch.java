package org.nucleon.internal.registry;

/**
 * A request path resolved against a snapshot.
 *
 * @param route       the collection
 * @param parentId    id of the parent resource for a sub-resource, else null
 * @param id          the member id, or null for the collection itself
 * @param action      a member action name, or null
 * @param subResource the name of a member sub-resource below the member (e.g. {@code tags}), or null
 * @param subId       the item of that sub-resource named by the path (e.g. a tag), or null
 */
public record RouteMatch(Route route, String parentId, String id, String action, String subResource,
        String subId) {

    public RouteMatch(Route route, String parentId, String id, String action) {
        this(route, parentId, id, action, null, null);
    }
}
