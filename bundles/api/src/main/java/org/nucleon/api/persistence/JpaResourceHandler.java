package org.nucleon.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.criteria.AbstractQuery;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
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
 * in one transaction, retried when it loses a race with a concurrent one, with Neutron's
 * BEFORE / PRECOMMIT / AFTER callbacks published when the subclass names its
 * {@link #eventResource()}. Subclasses say how a body maps onto the entity, and may take part in
 * the transaction through {@link #insert}, {@link #change} and {@link #beforeRemove}.
 * A caller who is not admin sees, lists, changes and deletes only what {@link #visibleTo} lets it
 * see, in the database's own queries; anything else is the resource's 404.
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

    /**
     * Checks a create ({@code create}) or update body against the stored state and sets what the
     * database decides (e.g. a CIDR from a pool), before {@link #apply}; by default nothing. Bulk
     * creates share one transaction, so a later item is checked against the earlier ones.
     */
    protected void check(EntityManager em, E entity, Map<String, Object> body, boolean create) {
    }

    /** Stores a new resource inside the create transaction; by default the checked entity with the body applied. */
    protected E insert(EntityManager em, RequestContext context, Map<String, Object> resource) {
        E e = newEntity(context, resource);
        check(em, e, resource, true);
        apply(e, resource);
        em.persist(e);
        return e;
    }

    /** Changes a resource inside the update transaction; by default checks and applies the body. */
    protected void change(EntityManager em, RequestContext context, E entity, Map<String, Object> changes) {
        check(em, entity, changes, false);
        apply(entity, changes);
    }

    /** Runs inside the delete transaction before the row goes, e.g. to free what it holds. */
    protected void beforeRemove(EntityManager em, RequestContext context, E entity) {
    }

    /**
     * As {@link #beforeRemove(EntityManager, RequestContext, Object)}, with the view the resource had
     * in this transaction (the one PRECOMMIT_DELETE carried): what it shows empty needs no delete.
     */
    protected void beforeRemove(EntityManager em, RequestContext context, E entity, Map<String, Object> view) {
        beforeRemove(em, context, entity);
    }

    protected abstract Map<String, Object> toMap(E entity);

    /**
     * The API views of entities, in one go; override to add attributes kept in other tables
     * with one query per page rather than one per item.
     */
    protected List<Map<String, Object>> views(EntityManager em, List<E> entities) {
        List<Map<String, Object>> out = new ArrayList<>(entities.size());
        entities.forEach(e -> out.add(toMap(e)));
        return out;
    }

    protected final Map<String, Object> view(EntityManager em, E entity) {
        return views(em, List.of(entity)).get(0);
    }

    /**
     * The views as the caller sees them, which every request path shows: override where an
     * attribute depends on who asks, as an RBAC object's {@code shared} (true when a policy
     * targets everyone or the caller's project); by default {@link #views(EntityManager, List)}.
     */
    protected List<Map<String, Object>> views(EntityManager em, RequestContext context, List<E> entities) {
        return views(em, entities);
    }

    protected final Map<String, Object> view(EntityManager em, RequestContext context, E entity) {
        return views(em, context, List.of(entity)).get(0);
    }

    /**
     * What a caller who is neither admin nor advsvc may see, as Neutron's model_query scopes it:
     * the rows of its project, shared ones where the collection has a {@code shared} column, and
     * what {@link #sharedWith} grants it; everything where it has no {@code tenant_id} column.
     * Override for other rules, e.g. the ports on the caller's networks.
     *
     * @return the restriction, or null for none
     */
    protected Predicate visibleTo(CriteriaBuilder cb, AbstractQuery<?> query, Root<E> root, RequestContext context) {
        String project = columns.get("tenant_id");
        if (project == null) {
            return null;
        }
        List<Predicate> any = new ArrayList<>(List.of(Visibility.ownedBy(cb, root.get(project), context)));
        String shared = columns.get("shared");
        if (shared != null) {
            any.add(cb.isTrue(root.get(shared)));
        }
        Predicate granted = sharedWith(context, root, cb);
        if (granted != null) {
            any.add(granted);
        }
        return any.size() == 1 ? any.get(0) : cb.or(any.toArray(Predicate[]::new));
    }

    /**
     * The rows a non-admin sees besides its own through grants such as RBAC policies
     * (access_as_shared, access_as_external), or null when the collection has none.
     */
    protected Predicate sharedWith(RequestContext context, Root<E> root, CriteriaBuilder cb) {
        return null;
    }

    /** The caller's scope for {@link ListQueries}: {@link #visibleTo} unless admin or advsvc. */
    protected final ListQueries.Scope<E> scope(RequestContext context) {
        return Visibility.scoped(context) ? (cb, query, root) -> visibleTo(cb, query, root, context)
                : ListQueries.all();
    }

    /** One page of the entities the caller may see, with more restrictions (or null) from the subclass. */
    protected final List<E> page(EntityManager em, RequestContext context, ListQuery query,
            Function<Root<E>, Predicate> extra) {
        return ListQueries.list(em, type, query, columns, this::notFound, scope(context), extra);
    }

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
            Map<String, Object> original, Map<String, Object> request) {
        CallbackRegistry registry = callbacks();
        String resource = eventResource();
        if (registry != null && resource != null) {
            registry.publish(new ResourceEvent(resource, event, context, id, state, original, request));
        }
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        return createBulk(context, List.of(resource)).get(0);
    }

    /** All in one transaction: all or none. */
    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> resources) {
        resources.forEach(r -> publish(Event.BEFORE_CREATE, context, null, r, null, r));
        List<Map<String, Object>> created = Transactions.retrying(() -> jpa().txExpr(TransactionType.Required, em -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> r : resources) {
                if (!out.isEmpty()) {
                    leaveWritten(em);
                }
                E e = insert(em, context, r);
                // assigns the version, so the view shows revision_number 1 as Neutron's does
                em.flush();
                Map<String, Object> view = view(em, context, e);
                publish(Event.PRECOMMIT_CREATE, context, idOf(view), view, null, r);
                out.add(view);
            }
            return out;
        }));
        for (int i = 0; i < created.size(); i++) {
            publish(Event.AFTER_CREATE, context, idOf(created.get(i)), created.get(i), null, resources.get(i));
        }
        return created;
    }

    private static final String FLUSH_CLEAR_CACHE = "eclipselink.flush-clear.cache";

    /**
     * EclipseLink compares every object of the persistence context with its backup at each flush,
     * and a query flushes too, so each item of a bulk took longer than the one before (a bulk of
     * 1,000 ports spent most of its time there). What is written leaves the context between items;
     * with "Merge" its changes still reach the shared cache at commit.
     */
    private static void leaveWritten(EntityManager em) {
        em.flush();
        em.setProperty(FLUSH_CLEAR_CACHE, "Merge");
        em.clear();
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        // a plain read: find() may lock for writers, which needs the transaction a read has not
        return jpa().txExpr(TransactionType.Supports, em -> {
            E e = em.find(type, id);
            if (e == null) {
                throw notFound(id);
            }
            requireVisible(em, context, id);
            return view(em, context, e);
        });
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        return jpa().txExpr(TransactionType.Supports, em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            return views(em, context, page(em, context, query, root -> filter(context, query, root, cb)));
        });
    }

    /** Every list here reads through {@link #page}; a subclass's own list must too. */
    @Override
    public boolean nativePagination() {
        return true;
    }

    /**
     * Filters that are no column of the entity, e.g. {@code shared} computed from RBAC policies;
     * always true unless overridden.
     */
    protected Predicate filter(RequestContext context, ListQuery query, Root<E> root, CriteriaBuilder cb) {
        return cb.conjunction();
    }

    /**
     * One COUNT query, restricted as the list is, when every filter is a column; else as listed,
     * so a filter the list interprets keeps its meaning.
     */
    @Override
    public long count(RequestContext context, Map<String, List<Object>> filters) {
        if (!columns.keySet().containsAll(filters.keySet())) {
            return ResourceHandler.super.count(context, filters);
        }
        ListQuery query = new ListQuery(filters, List.of(), 0, null, false);
        return jpa().txExpr(TransactionType.Supports, em -> ListQueries.count(em, type, filters, columns,
                root -> filter(context, query, root, em.getCriteriaBuilder())));
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        publish(Event.BEFORE_UPDATE, context, id, changes, null, changes);
        Map<String, Object>[] before = new Map[1];
        Map<String, Object> updated = Transactions.retrying(() -> jpa().txExpr(TransactionType.Required, em -> {
            E e = findVisible(em, context, id);
            checkRevision(context, e);
            before[0] = view(em, context, e);
            long revision = e instanceof StandardAttributes s ? s.revisionNumber : 0;
            change(em, context, e, changes);
            em.flush();
            Map<String, Object> view = view(em, context, e);
            if (e instanceof StandardAttributes s && s.revisionNumber == revision && !view.equals(before[0])) {
                // only what the view gathers from other tables changed (a port's addresses, groups, pairs, DHCP
                // options): Neutron's revision plugin moves the resource's revision for those rows too, and
                // clients (If-Match, caches keyed by revision) rely on a view never changing within one revision
                s.touch();
                em.flush();
                view = view(em, context, e);
            }
            publish(Event.PRECOMMIT_UPDATE, context, id, view, before[0], changes);
            return view;
        }));
        publish(Event.AFTER_UPDATE, context, id, updated, before[0], changes);
        return updated;
    }

    @Override
    public void delete(RequestContext context, String id) {
        publish(Event.BEFORE_DELETE, context, id, null, null, null);
        Map<String, Object> deleted = Transactions.retrying(() -> jpa().txExpr(TransactionType.Required, em -> {
            E e = findVisible(em, context, id);
            checkRevision(context, e);
            return remove(em, context, id, e);
        }));
        publish(Event.AFTER_DELETE, context, id, deleted, deleted, null);
    }

    /**
     * Deletes an item that goes with another resource (a network's DHCP ports and subnets) inside
     * that resource's transaction, as {@link #delete} does: PRECOMMIT_DELETE now and AFTER_DELETE
     * once the transaction has committed, which must run in {@link Transactions#retrying}.
     * Neither the caller's visibility nor its revision constraint applies: they were the other's.
     */
    public final void deleteWith(EntityManager em, RequestContext context, String id) {
        Map<String, Object> deleted = remove(em, context, id, find(em, id));
        Transactions.afterCommit(() -> publish(Event.AFTER_DELETE, context, id, deleted, deleted, null));
    }

    private Map<String, Object> remove(EntityManager em, RequestContext context, String id, E e) {
        Map<String, Object> view = view(em, context, e);
        publish(Event.PRECOMMIT_DELETE, context, id, view, view, null);
        beforeRemove(em, context, e, view);
        em.remove(e);
        return view;
    }

    /** Bumps revision_number and updated_at of a standard-attr entity, in the caller's transaction. */
    @Override
    public void touch(RequestContext context, String id) {
        jpa().tx(TransactionType.Required, em -> {
            if (find(em, id) instanceof StandardAttributes s) {
                s.touch();
            }
        });
    }

    private static void checkRevision(RequestContext context, Object entity) {
        if (context != null && entity instanceof StandardAttributes s) {
            s.checkRevision(context.revisionConstraint());
        }
    }

    /** The entity, or the resource's 404 (e.g. NetworkNotFound). */
    protected E find(EntityManager em, String id) {
        E e = em.find(type, id);
        if (e == null) {
            throw notFound(id);
        }
        return e;
    }

    /** The entity if the caller may see it, or the resource's 404. */
    protected final E findVisible(EntityManager em, RequestContext context, String id) {
        E e = find(em, id);
        requireVisible(em, context, id);
        return e;
    }

    private void requireVisible(EntityManager em, RequestContext context, String id) {
        if (Visibility.scoped(context) && !visible(em, context, id)) {
            throw notFound(id);
        }
    }

    private boolean visible(EntityManager em, RequestContext context, String id) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> q = cb.createQuery(Long.class);
        Root<E> root = q.from(type);
        Predicate byId = cb.equal(root.get(columns.getOrDefault(ID, ID)), id);
        Predicate visible = visibleTo(cb, q, root, context);
        q.select(cb.count(root)).where(visible == null ? byId : cb.and(byId, visible));
        return em.createQuery(q).getSingleResult() > 0;
    }

    private static String idOf(Map<String, Object> view) {
        return String.valueOf(view.get(ID));
    }
}
