package org.nucleon.ml2.ipam;

import java.util.Map;
import javax.persistence.EntityManager;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.JpaResourceHandler;

/**
 * A {@link JpaResourceHandler} whose creates and updates run semantic checks against the
 * database (overlaps, references, defaults) before the entity changes. Bulk creates share one
 * transaction, so a later item is checked against the earlier ones.
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
    protected E insert(EntityManager em, RequestContext context, Map<String, Object> resource) {
        E e = newEntity(context, resource);
        check(em, e, resource, true);
        apply(e, resource);
        em.persist(e);
        return e;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, E entity, Map<String, Object> changes) {
        check(em, entity, changes, false);
        apply(entity, changes);
    }
}
