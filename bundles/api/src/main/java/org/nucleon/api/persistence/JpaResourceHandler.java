package org.nucleon.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/**
 * A resource handler for a collection stored as one JPA entity: CRUD, listing and bulk create
 * in one transaction. Subclasses say how a body maps onto the entity and back.
 *
 * @param <E> the entity class
 */
public abstract class JpaResourceHandler<E> implements ResourceHandler {
    private final Class<E> type;
    private final String resourceName;
    private final Map<String, String> columns;

    /**
     * @param resourceName Neutron's name in messages and error types, e.g. {@code Network}
     * @param columns      API attribute to entity field, for filters, sorting and markers
     */
    protected JpaResourceHandler(Class<E> type, String resourceName, Map<String, String> columns) {
        this.type = type;
        this.resourceName = resourceName;
        this.columns = columns;
    }

    protected abstract JpaTemplate jpa();

    /** A new entity for a checked create body, with its id set. */
    protected abstract E newEntity(RequestContext context, Map<String, Object> resource);

    /** Applies the updatable attributes present in a body. */
    protected abstract void apply(E entity, Map<String, Object> changes);

    protected abstract Map<String, Object> toMap(E entity);

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
        apply(e, resource);
        em.persist(e);
        return e;
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        Map<String, Object> found = jpa().txExpr(TransactionType.Supports, em -> {
            E e = em.find(type, id);
            return e == null ? null : toMap(e);
        });
        if (found == null) {
            throw NeutronException.notFound(resourceName, id);
        }
        return found;
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        return jpa().txExpr(TransactionType.Supports, em -> {
            List<Map<String, Object>> out = new ArrayList<>();
            ListQueries.list(em, type, query, columns, resourceName, null).forEach(e -> out.add(toMap(e)));
            return out;
        });
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        return jpa().txExpr(TransactionType.Required, em -> {
            E e = find(em, id);
            apply(e, changes);
            return toMap(e);
        });
    }

    @Override
    public void delete(RequestContext context, String id) {
        jpa().tx(TransactionType.Required, em -> em.remove(find(em, id)));
    }

    /** The entity, or the resource's 404 (e.g. NetworkNotFound). */
    protected E find(EntityManager em, String id) {
        E e = em.find(type, id);
        if (e == null) {
            throw NeutronException.notFound(resourceName, id);
        }
        return e;
    }
}
