package org.nucleon.api.rbac;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.query.ListQuery;

/**
 * A handler of objects Neutron shares by RBAC policies (networks, subnet pools, address scopes, QoS
 * policies):
 * {@code shared} is the owner's wildcard access_as_shared policy, written on create and update;
 * shown in the views and answering the {@code shared} filter, it is true when a policy targets
 * everyone or the caller's project; a non-admin also sees what the
 * policies grant its project or everyone; the object's policies go with it.
 *
 * @param <E> the entity class
 */
public abstract class RbacJpaHandler<E> extends JpaResourceHandler<E> {
    private final String objectType;
    private final Function<E, String> id;
    private final Function<E, String> owner;

    /**
     * @param objectType the RBAC policies' {@code object_type}, e.g. {@code network}
     * @param id         the entity's id
     * @param owner      the entity's project
     */
    protected RbacJpaHandler(Class<E> type, String resourceName, Map<String, String> columns, String objectType,
            Function<E, String> id, Function<E, String> owner) {
        super(type, resourceName, columns);
        this.objectType = objectType;
        this.id = id;
        this.owner = owner;
    }

    protected abstract RbacPolicies rbac();

    /** A create or update body's {@code shared}, if any, written as the owner's wildcard policy. */
    protected void writeShared(RequestContext context, E entity, Map<String, Object> body) {
        rbac().writeShared(context, objectType, id.apply(entity), owner.apply(entity), body);
    }

    /** Whether the object is shared with everyone now. */
    protected final boolean shared(E entity) {
        return !rbac().withPolicy(objectType, List.of(id.apply(entity)), RbacPolicies.ACCESS_AS_SHARED,
                RbacPolicies.WILDCARD).isEmpty();
    }

    @Override
    protected E insert(EntityManager em, RequestContext context, Map<String, Object> resource) {
        E e = super.insert(em, context, resource);
        // a new object has no policy yet: only sharing it writes one
        if (Boolean.TRUE.equals(resource.get(RbacPolicies.SHARED))) {
            writeShared(context, e, resource);
        }
        return e;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, E entity, Map<String, Object> changes) {
        super.change(em, context, entity, changes);
        writeShared(context, entity, changes);
    }

    /** Subclasses that refuse a delete do so before calling this. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, E entity) {
        rbac().objectDeleted(objectType, id.apply(entity));
    }

    /**
     * {@code shared} as the caller sees it (a policy for everyone or for its project) and the
     * attributes of {@link #anyPolicyAttributes}, from one read of the policies.
     */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, RequestContext context, List<E> entities) {
        List<Map<String, Object>> out = super.views(em, context, entities);
        rbac().showPolicies(context, objectType, out, anyPolicyAttributes());
        return out;
    }

    /** Attributes (to the policy action) that are true when the object has any policy of that action; none here. */
    protected Map<String, String> anyPolicyAttributes() {
        return Map.of();
    }

    @Override
    protected Predicate filter(RequestContext context, ListQuery query, Root<E> root, CriteriaBuilder cb) {
        return rbac().sharedFilter(context, objectType, query, root.get("id"), cb);
    }

    /**
     * The objects a non-admin sees besides its own, as Neutron's RBAC query hooks: those any
     * policy grants its project or everyone (shared with it; for networks also external ones).
     */
    @Override
    protected Predicate sharedWith(RequestContext context, Root<E> root, CriteriaBuilder cb) {
        return rbac().grantedTo(context, objectType, root.get("id"), cb);
    }
}
