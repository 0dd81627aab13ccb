package org.nucleon.api.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

/**
 * Serves one collection for a plugin; published as an OSGi service. Bodies arrive checked,
 * defaulted and converted by the generic controller; results are plain maps of attribute to
 * JSON value, from which the controller picks the visible and requested fields.
 */
public interface ResourceHandler {
    /** Service property naming the collection served, e.g. {@code networks}. */
    String COLLECTION = "nucleon.collection";

    Map<String, Object> create(RequestContext context, Map<String, Object> resource);

    /**
     * All or none. This default emulates it, as Neutron does for plugins without native bulk:
     * on a failure the items already created are deleted again.
     */
    default List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> resources) {
        List<Map<String, Object>> created = new ArrayList<>();
        try {
            for (Map<String, Object> r : resources) {
                created.add(create(context, r));
            }
            return created;
        } catch (RuntimeException e) {
            for (Map<String, Object> done : created) {
                try {
                    delete(context, String.valueOf(done.get("id")));
                } catch (NeutronException ignored) {
                    // already gone: nothing left to undo for this one
                }
            }
            throw e;
        }
    }

    /** The resource; a missing one throws a 404 NeutronException such as NetworkNotFound. */
    Map<String, Object> get(RequestContext context, String id);

    /**
     * A show whose plugin gives {@code fields} a meaning of its own, as Neutron's
     * auto-allocated-topology does with {@code fields=dry-run}: the REST layer shows the visible
     * attributes of what this returns rather than picking the requested fields from
     * {@link #get}'s answer. Null, the default, means the handler has no such show.
     *
     * @param fields the requested fields, empty for all
     */
    default Map<String, Object> show(RequestContext context, String id, List<String> fields) {
        return null;
    }

    /** The items of one page, in the query's order (also when paging in reverse). */
    List<Map<String, Object>> list(RequestContext context, ListQuery query);

    /**
     * Whether {@link #list} pages natively, as Neutron calls it: at most {@code limit} items, those
     * after the marker in the query's order, the marker looked up as the caller may see it (404
     * when it cannot). The REST layer then reads a list asked for without a limit page by page and
     * writes each page as it comes, so no list, however long, is held in memory whole. The default,
     * false, has the handler asked once, with no limit.
     */
    default boolean nativePagination() {
        return false;
    }

    /**
     * How many items match the filters (attribute to accepted values, as in a {@link ListQuery}),
     * e.g. a project's ports for its quota. This default lists them; a handler that can ask its
     * database for the count should.
     */
    default long count(RequestContext context, Map<String, List<Object>> filters) {
        return list(context, new ListQuery(filters, List.of(new SortKey("id", true)), 0, null, false)).size();
    }

    Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes);

    void delete(RequestContext context, String id);

    /**
     * For a sub-resource collection (e.g. a QoS policy's {@code bandwidth_limit_rules}): the
     * handler of the items under one parent, which the REST layer serves such a request with.
     * Collections without a parent need not override it.
     */
    default ResourceHandler under(String parentId) {
        return this;
    }

    /**
     * Marks a resource changed without changing its attributes, as Neutron does when something
     * attached to it changes (its tags): bumps revision_number and updated_at. Joins the caller's
     * transaction. Handlers without standard attributes need not override it.
     */
    default void touch(RequestContext context, String id) {
        // nothing to mark
    }

    /**
     * For a sub-collection whose items are another collection's members (Neutron's scheduler
     * sub-resources: an agent's {@code dhcp-networks} are networks, a router's {@code l3-agents}
     * are agents): that collection's name, else null. The REST layer then lists the items under
     * that collection's envelope and shows them by its attribute map and extenders, hands a POST
     * body to {@link #create} as sent ({@code {"network_id": ...}}, no envelope) and answers it
     * 201 without a body, and serves DELETE of a member; as Neutron's scheduler controllers do.
     */
    default String itemCollection() {
        return null;
    }

    /**
     * Whether the handler makes Neutron's policy checks itself, as Neutron's quotas controller
     * does (a member reads its own project's quota although {@code get_quota} is admin-only):
     * the REST layer then makes none for it.
     */
    default boolean checksOwnPolicy() {
        return false;
    }

    /**
     * A member action such as {@code add_router_interface}, or with a null id a collection action
     * such as quotas' {@code project}; 404 unless the handler has it.
     */
    default Map<String, Object> action(RequestContext context, String id, String action, Map<String, Object> body) {
        throw NeutronException.httpNotFound();
    }
}
