package org.nucleon.api.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

/**
 * Reads what other tables hold for a page of resources (a page of ports' addresses, groups,
 * pairs...). A page of an unfiltered list sorted by id holds every row between its first and last
 * id, so one index range scan per table reads what sixteen IN lists of 64 keys ({@link InLists})
 * read, many times faster on Derby. A page whose range holds many other rows (a filtered list)
 * is read by IN lists, as is a page short enough for one.
 */
public final class PageKeys {
    private final Set<String> keys;
    /** The page's key range, or null to read by IN lists. */
    private final String low;
    private final String high;
    /** How many rows the range may hold before it is read by IN lists instead; 0 when known to be dense. */
    private final int maxRangeRows;

    private PageKeys(Set<String> keys, String low, String high, int maxRangeRows) {
        this.keys = keys;
        this.low = low;
        this.high = high;
        this.maxRangeRows = maxRangeRows;
    }

    /** Keys read by IN lists, as for one resource or a few. */
    public static PageKeys of(Collection<String> ids) {
        return new PageKeys(new HashSet<>(ids), null, null, 0);
    }

    /**
     * A page's keys for a table of another bundle (an extension's bindings or tags), which cannot read the
     * resources' own table to see whether the page is dense: {@link #query} reads the page's key range once, at
     * most {@code maxRangeRows} rows of it, and reads by IN lists when the range holds more (a filtered page,
     * spread over the ids). The keys are resource ids, canonical UUIDs, which Java and the databases order alike.
     *
     * @param maxRangeRows a few times the rows the page's own resources may have
     */
    public static PageKeys unchecked(Collection<String> ids, int maxRangeRows) {
        return spanning(ids, maxRangeRows);
    }

    /** The ids' range, or IN lists when they are few enough for one. */
    private static PageKeys spanning(Collection<String> ids, int maxRangeRows) {
        Set<String> keys = new HashSet<>(ids);
        if (keys.size() <= InLists.BATCH) {
            return of(keys);
        }
        return new PageKeys(keys, keys.stream().min(String::compareTo).orElseThrow(),
                keys.stream().max(String::compareTo).orElseThrow(), maxRangeRows);
    }

    /**
     * @param entity the JPA entity name of the page's resources, with a String {@code id}
     * @param ids    the page's ids
     */
    public static PageKeys of(EntityManager em, String entity, Collection<String> ids) {
        PageKeys page = spanning(ids, 0);
        if (page.low == null) {
            return page;
        }
        // Dense: at most as many other rows in the range as the page has. The database orders the
        // ids, so the range must also hold every id of the page as the database compares them.
        List<String> inRange = em.createQuery("SELECT e.id FROM " + entity + " e WHERE e.id BETWEEN :low AND :high",
                String.class).setParameter("low", page.low).setParameter("high", page.high)
                .setMaxResults(2 * page.keys.size() + 1).getResultList();
        boolean dense = inRange.size() <= 2 * page.keys.size() && new HashSet<>(inRange).containsAll(page.keys);
        return dense ? page : of(page.keys);
    }

    /**
     * A page of resources' keys, read as {@link #of(EntityManager, String, Collection)} decides, except that a page
     * of {@link ListQueries#list} known to hold its whole id range is read by that range without the check. The ids
     * are then ordered in Java, which orders canonical UUIDs as the databases do (as for {@link #unchecked}).
     *
     * @param page the page's resources, in any order
     */
    public static <E> PageKeys of(EntityManager em, String entity, List<E> page, Function<E, String> idOf) {
        List<String> ids = page.stream().map(idOf).toList();
        return ListQueries.holdsItsIdRange(page) ? spanning(ids, 0) : of(em, entity, ids);
    }

    /** The page's keys. */
    public Set<String> keys() {
        return keys;
    }

    /**
     * Runs a JPQL query for the page's rows of another table.
     *
     * @param jpql    the query, with {@code %s} where the condition on the key goes, e.g.
     *                {@code SELECT a.portId, a.ipAddress FROM IpAllocationEntity a WHERE %s ORDER BY a.portId,
     *                a.position}; order by the key first: ordered by another column, Derby may walk an index
     *                that gives that order through the whole table rather than read the key's range and sort
     *                (the range's bounds are parameters, so it cannot tell how narrow it is)
     * @param keyPath the key's path in the query, e.g. {@code a.portId}
     * @param keyOf   the key of a result row
     * @return the rows of the page's keys, in the query's order within each read
     */
    public <T> List<T> query(EntityManager em, String jpql, String keyPath, Class<T> type, Function<T, String> keyOf) {
        return query(em, jpql, Map.of(), keyPath, type, keyOf);
    }

    /**
     * As {@link #query(EntityManager, String, String, Class, Function)}, with the query's own named parameters
     * (e.g. {@code WHERE r.objectType = :type AND %s}) bound in each read; a capped range counts only the rows
     * they let through.
     */
    public <T> List<T> query(EntityManager em, String jpql, Map<String, ?> parameters, String keyPath, Class<T> type,
            Function<T, String> keyOf) {
        List<T> out = new ArrayList<>();
        if (low != null) {
            TypedQuery<T> range = bound(em.createQuery(String.format(jpql, keyPath + " BETWEEN :low AND :high"), type),
                    parameters).setParameter("low", low).setParameter("high", high);
            if (maxRangeRows > 0) {
                range.setMaxResults(maxRangeRows + 1);
            }
            List<T> rows = range.getResultList();
            if (maxRangeRows == 0 || rows.size() <= maxRangeRows) {
                rows.forEach(row -> {
                    if (keys.contains(keyOf.apply(row))) {
                        out.add(row);
                    }
                });
                return out;
            }
        }
        for (List<String> batch : InLists.batches(keys)) {
            out.addAll(bound(em.createQuery(String.format(jpql, keyPath + " IN :keys"), type), parameters)
                    .setParameter("keys", batch).getResultList());
        }
        return out;
    }

    private static <T> TypedQuery<T> bound(TypedQuery<T> query, Map<String, ?> parameters) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
