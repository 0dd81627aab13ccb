package org.nucleon.api.persistence;

import javax.persistence.criteria.AbstractQuery;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Expression;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import javax.persistence.criteria.Subquery;
import org.nucleon.api.context.RequestContext;

/**
 * Neutron's rule for what the database shows a caller ({@code model_query_scope_is_project}):
 * an admin or an advanced service ({@code advsvc} role) sees every project's rows, anyone else
 * its own project's, plus what a resource shares more widely.
 */
public final class Visibility {
    private Visibility() {
    }

    /** Whether queries for this caller are narrowed to what it may see. */
    public static boolean scoped(RequestContext context) {
        return context != null && !context.admin() && context.roles().stream().noneMatch("advsvc"::equalsIgnoreCase);
    }

    /** Rows of the caller's project; none for a caller without a project. */
    public static Predicate ownedBy(CriteriaBuilder cb, Expression<?> projectColumn, RequestContext context) {
        return context.projectId() == null ? cb.disjunction() : cb.equal(projectColumn, context.projectId());
    }

    /**
     * Rows whose reference (e.g. a port's network_id) names a row of another entity that passes
     * a condition (e.g. a network of the caller's project), by a subquery of the same query.
     *
     * @param idField the referenced entity's id field
     */
    public static <P> Predicate references(CriteriaBuilder cb, AbstractQuery<?> query, Expression<?> reference,
            Class<P> parent, String idField, Condition<P> condition) {
        Subquery<Object> sub = query.subquery(Object.class);
        Root<P> p = sub.from(parent);
        sub.select(p.get(idField)).where(condition.on(cb, p));
        return reference.in(sub);
    }

    /** A condition on another entity's rows, for {@link #references}. */
    @FunctionalInterface
    public interface Condition<P> {
        Predicate on(CriteriaBuilder cb, Root<P> root);
    }
}
