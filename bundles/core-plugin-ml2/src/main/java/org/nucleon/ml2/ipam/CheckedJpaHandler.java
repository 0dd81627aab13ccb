package org.nucleon.ml2.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.JpaResourceHandler;

/**
 * A {@link JpaResourceHandler} whose creates and updates run semantic checks against the
 * database (overlaps, references, defaults) before the entity changes. Bulk creates go through
 * the same checks, in one transaction, so a later item sees the earlier ones.
 */
public abstract class CheckedJpaHandler<E> extends JpaResourceHandler<E> {

    protected CheckedJpaHandler(Class<E> type, String resourceName, Map<String, String> columns) {
        super(type, resourceName, columns);
    }

    /**
     * Checks a create ({@code create}) or update body against the stored state and sets what
     * the database decides (e.g. a CIDR from a pool); runs before {@link #apply}.
     */
    protected abstract void check(EntityManager em, E entity, Map<String, Object> body, boolean create);

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        return jpa().txExpr(TransactionType.Required, em -> toMap(insert(em, context, resource)));
    }

    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> resources) {
        return jpa().txExpr(TransactionType.Required, em -> {
            List<Map<String, Object>> out = new ArrayList<>();
            resources.forEach(r -> out.add(toMap(insert(em, context, r))));
            return out;
        });
    }

    private E insert(EntityManager em, RequestContext context, Map<String, Object> resource) {
        E e = newEntity(context, resource);
        check(em, e, resource, true);
        apply(e, resource);
        em.persist(e);
        em.flush();
        return e;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        return jpa().txExpr(TransactionType.Required, em -> {
            E e = find(em, id);
            check(em, e, changes, false);
            apply(e, changes);
            em.flush();
            return toMap(e);
        });
    }
}
