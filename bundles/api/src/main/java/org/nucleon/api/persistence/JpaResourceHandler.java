package org.nucleon.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/**
 * A resource handler for a collection stored as one JPA entity: CRUD, listing and bulk create
 * in one transaction, with Neutron's BEFORE / PRECOMMIT / AFTER callbacks published when the
 * subclass names its {@link #eventResource()}. Subclasses say how a body maps onto the entity.
 *
 * @param <E> the entity class
 */
public abstract class JpaResourceHandler<E> implements ResourceHandler {
    private static final String ID = "id";

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

    /** Where events go; null publishes none. */
    protected CallbackRegistry callbacks() {
        return null;
    }

    /** The member name events are published under, e.g. {@code network}; null publishes none. */
    protected String eventResource() {
        return null;
    }

    /** The 404 for a missing item; Neutron's {@code <Resource>NotFound} unless overridden. */
    protected NeutronException notFound(String id) {
        return NeutronException.notFound(resourceName, id);
    }

    protected final void publish(Event event, RequestContext context, String id, Map<String, Object> state,
            Map<String, Object> original) {
        CallbackRegistry registry = callbacks();
        String resource = eventResource();
        if (registry != null && resource != null) {
            registry.publish(new ResourceEvent(resource, event, context, id, state, original));
        }
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        return createBulk(context, List.of(resource)).get(0);
    }

    /** All in one transaction: all or none. */
    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> resources) {
        resources.forEach(r -> publish(Event.BEFORE_CREATE, context, null, r, null));
        List<Map<String, Object>> created = jpa().txExpr(TransactionType.Required, em -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> r : resources) {
                E e = newEntity(context, r);
                apply(e, r);
                em.persist(e);
                em.flush();
                Map<String, Object> view = toMap(e);
                publish(Event.PRECOMMIT_CREATE, context, idOf(view), view, null);
                out.add(view);
            }
            return out;
        });
        created.forEach(v -> publish(Event.AFTER_CREATE, context, idOf(v), v, null));
        return created;
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        Map<String, Object> found = jpa().txExpr(TransactionType.Supports, em -> {
            E e = em.find(type, id);
            return e == null ? null : toMap(e);
        });
        if (found == null) {
            throw notFound(id);
        }
        return found;
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        return jpa().txExpr(TransactionType.Supports, em -> {
            List<Map<String, Object>> out = new ArrayList<>();
            Function<String, NeutronException> missingMarker = this::notFound;
            ListQueries.list(em, type, query, columns, missingMarker, null).forEach(e -> out.add(toMap(e)));
            return out;
        });
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        publish(Event.BEFORE_UPDATE, context, id, changes, null);
        Map<String, Object>[] before = new Map[1];
        Map<String, Object> updated = jpa().txExpr(TransactionType.Required, em -> {
            E e = find(em, id);
            before[0] = toMap(e);
            apply(e, changes);
            em.flush();
            Map<String, Object> view = toMap(e);
            publish(Event.PRECOMMIT_UPDATE, context, id, view, before[0]);
            return view;
        });
        publish(Event.AFTER_UPDATE, context, id, updated, before[0]);
        return updated;
    }

    @Override
    public void delete(RequestContext context, String id) {
        publish(Event.BEFORE_DELETE, context, id, null, null);
        Map<String, Object> deleted = jpa().txExpr(TransactionType.Required, em -> {
            E e = find(em, id);
            Map<String, Object> view = toMap(e);
            publish(Event.PRECOMMIT_DELETE, context, id, view, view);
            em.remove(e);
            return view;
        });
        publish(Event.AFTER_DELETE, context, id, deleted, deleted);
    }

    /** The entity, or the resource's 404 (e.g. NetworkNotFound). */
    protected E find(EntityManager em, String id) {
        E e = em.find(type, id);
        if (e == null) {
            throw notFound(id);
        }
        return e;
    }

    private static String idOf(Map<String, Object> view) {
        return String.valueOf(view.get(ID));
    }
}
