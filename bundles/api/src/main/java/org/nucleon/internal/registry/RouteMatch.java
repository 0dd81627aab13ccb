package org.nucleon.internal.registry;

/**
 * A request path resolved against a snapshot.
 *
 * @param route    the collection
 * @param parentId id of the parent resource for a sub-resource, else null
 * @param id       the member id, or null for the collection itself
 * @param action   a member action name (a collection action's when id is null), or null
 */
public record RouteMatch(Route route, String parentId, String id, String action) {
}
