package org.nucleon.api.persistence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.Tuple;
import javax.persistence.TypedQuery;
import javax.persistence.criteria.AbstractQuery;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Expression;
import javax.persistence.criteria.Order;
import javax.persistence.criteria.ParameterExpression;
import javax.persistence.criteria.Path;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import javax.persistence.criteria.Selection;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

/**
 * Runs a {@link ListQuery} against one JPA entity in the database: filters as IN lists, the id
 * restrictions as {@code id IN} / {@code id NOT IN}, changed_since on standard-attr entities, sorting,
 * and keyset pagination after the marker (Neutron's {@code paginate_query}), so a page costs
 * the same on page one and page one hundred. The caller's {@link Scope} (what it may see) holds
 * in the database too, so pages are full and a marker it may not see is 404.
 * <p>
 * Filter values and the marker are bound as parameters. A criteria query's values are otherwise
 * written into the SQL text (EclipseLink does not bind literals on Derby), so every page and
 * every filter value was a statement of its own, and Derby compiled each one: most of a page's time.
 */
public final class ListQueries {
    private static final String ID = "id";
    /** The field of {@link StandardAttributes} changed_since compares with. */
    private static final String UPDATED_AT = "updatedAt";
    /**
     * EclipseLink's hint for entities that are only read: no copy per transaction to compare at
     * commit. Other JPA providers ignore hints they do not know.
     */
    public static final String READ_ONLY = "eclipselink.read-only";
    /**
     * EclipseLink's hint to build a query's entities from their rows without looking them up in,
     * or adding them to, the shared cache. A page of 1,000 ports cost 1,000 cache entries (a key,
     * a lock, a weak reference each), and a walk through 100,000 ports left the old generation
     * full of entries no request asked for again: young collections took twice as long. The rows
     * are read from the database either way. Entities that map relationships keep using the
     * cache: a cached network carries its segments, which a list otherwise reads again.
     */
    private static final String MAINTAIN_CACHE = "eclipselink.maintain-cache";

    /** Whether the entity maps relationships (or element collections), which its cached instances keep loaded. */
    private static boolean mapsRelationships(EntityManager em, Class<?> type) {
        return em.getMetamodel().entity(type).getAttributes().stream()
                .anyMatch(a -> a.isAssociation() || a.isCollection());
    }

    /** Values of a criteria query, bound when the query is created. */
    private static final class Bindings {
        private final CriteriaBuilder cb;
        private final List<Map.Entry<ParameterExpression<?>, Object>> values = new ArrayList<>();

        Bindings(CriteriaBuilder cb) {
            this.cb = cb;
        }

        @SuppressWarnings("unchecked")
        <T> ParameterExpression<T> bind(T value) {
            ParameterExpression<T> p = (ParameterExpression<T>) cb.parameter(value.getClass());
            values.add(Map.entry(p, value));
            return p;
        }

        /** An IN list of the values as one collection parameter, which the provider expands. */
        Predicate in(Expression<?> path, Collection<?> list) {
            @SuppressWarnings("rawtypes")
            ParameterExpression<Collection> p = cb.parameter(Collection.class);
            values.add(Map.entry(p, list));
            return path.in(p);
        }

        @SuppressWarnings("unchecked")
        <Q extends TypedQuery<?>> Q apply(Q query) {
            values.forEach(e -> query.setParameter((ParameterExpression<Object>) e.getKey(), e.getValue()));
            return query;
        }
    }

    private ListQueries() {
    }

    /**
     * Which rows a caller may see, as a restriction of a query on the entity (Neutron's
     * model_query scoping); {@link #all()} for an admin.
     */
    @FunctionalInterface
    public interface Scope<E> {
        /** The restriction; the query is there for subqueries (e.g. ports of the caller's networks). */
        Predicate restrict(CriteriaBuilder cb, AbstractQuery<?> query, Root<E> root);
    }

    /** No restriction, as for an admin. */
    public static <E> Scope<E> all() {
        return (cb, query, root) -> null;
    }

    /** As {@link #list(EntityManager, Class, ListQuery, Map, Function, Scope, Function)}, with Neutron's usual 404. */
    public static <E> List<E> list(EntityManager em, Class<E> type, ListQuery q, Map<String, String> columns,
            String resourceName, Scope<E> scope, Function<Root<E>, Predicate> extra) {
        return list(em, type, q, columns, (Function<String, NeutronException>) id -> NeutronException.notFound(
                resourceName, id), scope, extra);
    }

    /**
     * @param columns  API attribute name to entity field; filters and sort keys on other
     *                 attributes are not the database's business and are ignored here
     * @param notFound the 404 for an unknown marker, e.g. NetworkNotFound
     * @param scope    what the caller may see; also where the marker is looked up
     * @param extra    more restrictions from the caller (e.g. filters on other tables), or null
     */
    public static <E> List<E> list(EntityManager em, Class<E> type, ListQuery q, Map<String, String> columns,
            Function<String, NeutronException> notFound, Scope<E> scope, Function<Root<E>, Predicate> extra) {
        if (q.ids() != null && q.ids().isEmpty()) {
            // nothing can pass, and SQL has no empty IN list
            return new ArrayList<>();
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Bindings bindings = new Bindings(cb);
        CriteriaQuery<E> cq = cb.createQuery(type);
        Root<E> root = cq.from(type);
        List<Predicate> where = new ArrayList<>();
        Predicate visible = scope.restrict(cb, cq, root);
        if (visible != null) {
            where.add(visible);
        }
        q.filters().forEach((attr, values) -> {
            String field = columns.get(attr);
            if (field != null) {
                where.add(bindings.in(root.get(field), values));
            }
        });
        String id = columns.getOrDefault(ID, ID);
        if (q.ids() != null) {
            where.add(bindings.in(root.get(id), q.ids()));
        }
        if (!q.excludedIds().isEmpty()) {
            where.add(cb.not(bindings.in(root.get(id), q.excludedIds())));
        }
        if (q.changedSince() != null && StandardAttributes.class.isAssignableFrom(type)) {
            where.add(cb.greaterThanOrEqualTo(root.get(UPDATED_AT),
                    bindings.bind(LocalDateTime.ofInstant(q.changedSince(), ZoneOffset.UTC))));
        }
        if (extra != null) {
            where.add(extra.apply(root));
        }
        List<SortKey> sorts = q.sorts().stream().filter(s -> columns.containsKey(s.attribute())).toList();
        // nothing but the marker restricts an id-sorted page: it holds every row between its first and last id
        boolean wholeIdRange = where.isEmpty() && sorts.size() == 1 && sorts.get(0).attribute().equals(ID);
        if (q.marker() != null && q.limit() > 0) {
            List<Object> markerValues = markerValues(em, type, q.marker(), sorts, columns, notFound, scope);
            where.add(after(cb, bindings, root, markerValues, sorts, columns, q.pageReverse()));
        }
        cq.where(where.toArray(Predicate[]::new));
        List<Order> order = new ArrayList<>();
        for (SortKey s : sorts) {
            Path<Object> p = root.get(columns.get(s.attribute()));
            order.add(s.ascending() != q.pageReverse() ? cb.asc(p) : cb.desc(p));
        }
        cq.orderBy(order);
        // the page's entities are only shown, never changed
        var query = bindings.apply(em.createQuery(cq)).setHint(READ_ONLY, true);
        if (!mapsRelationships(em, type)) {
            query.setHint(MAINTAIN_CACHE, false);
        }
        if (q.limit() > 0) {
            query.setMaxResults(q.limit());
        }
        List<E> out = wholeIdRange ? new IdRangePage<>(query.getResultList()) : new ArrayList<>(query.getResultList());
        // A reversed page comes back in forward order; without paging, Neutron returns it reversed.
        if (q.pageReverse() && q.limit() > 0) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * Whether a page {@link #list} returned holds every row of its table between its first and last id (an
     * unrestricted list sorted by id alone), so other tables' rows for it can be read by that range unchecked.
     */
    public static boolean holdsItsIdRange(List<?> page) {
        return page instanceof IdRangePage;
    }

    /** The type that tells {@link #holdsItsIdRange}. */
    private static final class IdRangePage<E> extends ArrayList<E> {
        private static final long serialVersionUID = 1L;

        IdRangePage(Collection<E> rows) {
            super(rows);
        }
    }

    /**
     * {@code SELECT COUNT(*)} of the rows matching the filters (IN lists, ANDed), for quotas.
     *
     * @param columns API attribute name to entity field; every filter must have one
     * @param extra   more restrictions from the caller, as for a list, or null
     */
    public static <E> long count(EntityManager em, Class<E> type, Map<String, List<Object>> filters,
            Map<String, String> columns, Function<Root<E>, Predicate> extra) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Bindings bindings = new Bindings(cb);
        CriteriaQuery<Long> cq = cb.createQuery(Long.class);
        Root<E> root = cq.from(type);
        List<Predicate> where = new ArrayList<>();
        filters.forEach((attr, values) -> where.add(bindings.in(root.get(columns.get(attr)), values)));
        if (extra != null) {
            where.add(extra.apply(root));
        }
        cq.select(cb.count(root)).where(where.toArray(Predicate[]::new));
        return bindings.apply(em.createQuery(cq)).getSingleResult();
    }

    /** The marker row's values of the sort keys; 404 when there is no such row the caller may see. */
    private static <E> List<Object> markerValues(EntityManager em, Class<E> type, String marker,
            List<SortKey> sorts, Map<String, String> columns, Function<String, NeutronException> notFound,
            Scope<E> scope) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Bindings bindings = new Bindings(cb);
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<E> root = cq.from(type);
        List<Selection<?>> select = new ArrayList<>();
        sorts.forEach(s -> select.add(root.get(columns.get(s.attribute()))));
        // the controller always ends the sort keys with the primary key
        String primaryKey = columns.get(sorts.get(sorts.size() - 1).attribute());
        Predicate visible = scope.restrict(cb, cq, root);
        Predicate byId = cb.equal(root.get(primaryKey), bindings.bind(marker));
        cq.multiselect(select).where(visible == null ? byId : cb.and(byId, visible));
        List<Tuple> rows = bindings.apply(em.createQuery(cq)).getResultList();
        if (rows.isEmpty()) {
            throw notFound.apply(marker);
        }
        return java.util.Arrays.asList(rows.get(0).toArray());
    }

    /** Rows strictly beyond the marker in the (possibly reversed) sort order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <E> Predicate after(CriteriaBuilder cb, Bindings bindings, Root<E> root, List<Object> marker,
            List<SortKey> sorts, Map<String, String> columns, boolean reverse) {
        List<Predicate> alternatives = new ArrayList<>();
        for (int i = 0; i < sorts.size(); i++) {
            List<Predicate> all = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                Object v = marker.get(j);
                all.add(cb.equal(root.get(columns.get(sorts.get(j).attribute())), v == null ? v : bindings.bind(v)));
            }
            Expression<Comparable> path = root.get(columns.get(sorts.get(i).attribute()));
            Comparable v = (Comparable) marker.get(i);
            boolean forward = sorts.get(i).ascending() != reverse;
            Expression<Comparable> bound = v == null ? cb.nullLiteral(Comparable.class) : bindings.bind(v);
            all.add(forward ? cb.greaterThan(path, bound) : cb.lessThan(path, bound));
            alternatives.add(cb.and(all.toArray(Predicate[]::new)));
        }
        return cb.or(alternatives.toArray(Predicate[]::new));
    }
}
