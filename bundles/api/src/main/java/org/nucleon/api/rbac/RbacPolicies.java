package org.nucleon.api.rbac;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Expression;
import javax.persistence.criteria.Predicate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.query.ListQuery;

/**
 * The RBAC policies the core plugin keeps, for the plugins whose objects they share. Calls join
 * the caller's transaction.
 */
public interface RbacPolicies {
    String ACCESS_AS_SHARED = "access_as_shared";
    String ACCESS_AS_EXTERNAL = "access_as_external";
    /** The target of a policy that grants every project. */
    String WILDCARD = "*";
    String SHARED = "shared";

    /**
     * Which objects have a policy of {@code action} for {@code target} (any target when null):
     * among {@code objectIds}, or of the whole type when that is null. An object's {@code shared}
     * is {@link #sharedWith}.
     */
    Set<String> withPolicy(String objectType, Collection<String> objectIds, String action, String target);

    /** The objects of the type granted to the project by any action, by name or through the wildcard. */
    Set<String> grantedTo(String objectType, String projectId);

    /**
     * The {@code shared} attribute written: creates the owner's wildcard access_as_shared policy,
     * or deletes it, refused with RbacPolicyInUse while other projects depend on it.
     */
    void setShared(RequestContext context, String objectType, String objectId, String owner, boolean shared);

    /** The object is being deleted: its policies go with it. */
    void objectDeleted(String objectType, String objectId);

    /**
     * The objects granted to the caller, as a condition on their id column: the part of a
     * non-admin's visibility that comes from RBAC (its own objects are the caller's business).
     */
    default Predicate grantedTo(RequestContext context, String objectType, Expression<String> id,
            CriteriaBuilder cb) {
        return in(cb, id, grantedTo(objectType, context.projectId()));
    }

    /**
     * Which objects are shared with the caller, as Neutron's {@code shared} attribute and filter
     * answer it (is_shared_with_project, model_query's shared filter): an access_as_shared
     * policy targets everyone or the caller's project. Among {@code objectIds}, or of the whole
     * type when that is null.
     */
    default Set<String> sharedWith(RequestContext context, String objectType, Collection<String> objectIds) {
        String project = context == null ? null : context.projectId();
        Set<String> shared = withPolicy(objectType, objectIds, ACCESS_AS_SHARED, WILDCARD);
        if (project == null) {
            return shared;
        }
        Set<String> all = new HashSet<>(shared);
        all.addAll(withPolicy(objectType, objectIds, ACCESS_AS_SHARED, project));
        return all;
    }

    /**
     * Whether the caller may use the object (a port on a network, a QoS policy on a port): as
     * admin, as its owner, or when it is shared with the caller.
     */
    default boolean usable(RequestContext context, String objectType, String objectId, String owner) {
        return context.admin() || owner != null && owner.equals(context.projectId())
                || !sharedWith(context, objectType, List.of(objectId)).isEmpty();
    }

    /** A create or update body's {@code shared}, if any, written as the owner's wildcard policy. */
    default void writeShared(RequestContext context, String objectType, String objectId, String owner,
            Map<String, Object> body) {
        if (body.get(SHARED) instanceof Boolean shared) {
            setShared(context, objectType, objectId, owner, shared);
        }
    }

    /** Puts {@code shared} as the caller sees it into the views (with their {@code id}) of objects of the type. */
    default void showShared(RequestContext context, String objectType, List<Map<String, Object>> views) {
        showPolicies(context, objectType, views, Map.of());
    }

    /**
     * Puts {@code shared} as the caller sees it into the views (with their {@code id}) of objects of the
     * type, and each attribute of {@code anyPolicy} (attribute to action) as whether the object has a
     * policy of that action for anyone: a network's {@code router:external} is any access_as_external
     * policy. Implementations read the policies once for all of it.
     */
    default void showPolicies(RequestContext context, String objectType, List<Map<String, Object>> views,
            Map<String, String> anyPolicy) {
        List<String> ids = views.stream().map(v -> (String) v.get("id")).toList();
        Set<String> shared = sharedWith(context, objectType, ids);
        views.forEach(v -> v.put(SHARED, shared.contains((String) v.get("id"))));
        anyPolicy.forEach((attribute, action) -> {
            Set<String> having = withPolicy(objectType, ids, action, null);
            views.forEach(v -> v.put(attribute, having.contains((String) v.get("id"))));
        });
    }

    /** The list query's {@code shared} filter on objects of the type, as the caller sees it, or true when none. */
    default Predicate sharedFilter(RequestContext context, String objectType, ListQuery query, Expression<String> id,
            CriteriaBuilder cb) {
        List<Object> values = query.filters().get(SHARED);
        return values == null ? cb.conjunction() : filter(cb, id, values, sharedWith(context, objectType, null));
    }

    /**
     * A boolean list filter on an attribute derived from policies ({@code ?shared=true},
     * {@code ?router:external=false}); values OR, so both values match everything.
     *
     * @param having the objects for which the attribute is true
     */
    static Predicate filter(CriteriaBuilder cb, Expression<String> id, List<Object> values, Set<String> having) {
        boolean yes = values.contains(Boolean.TRUE);
        boolean no = values.contains(Boolean.FALSE);
        if (yes == no) {
            return cb.conjunction();
        }
        if (having.isEmpty()) {
            return yes ? cb.disjunction() : cb.conjunction();
        }
        return yes ? id.in(having) : cb.not(id.in(having));
    }

    /** {@code id IN ids}, which SQL does not allow for no ids. */
    private static Predicate in(CriteriaBuilder cb, Expression<String> id, Set<String> ids) {
        return ids.isEmpty() ? cb.disjunction() : id.in(ids);
    }
}
