package org.nucleon.api.query;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated list request, as the generic controller hands it to a plugin.
 *
 * @param filters      attribute to the accepted values (converted); different attributes AND, values OR
 * @param sorts        sort keys in order; the primary key is always the last one, as Neutron appends it
 * @param limit        page size, or 0 for no paging
 * @param marker       id of the last item seen, or null
 * @param pageReverse  whether to page backwards from the marker
 * @param ids          when not null, only items with one of these ids pass: what filters served outside the
 *                     plugin (e.g. {@code tags}) narrowed the list to; applied before paging
 * @param excludedIds  items with one of these ids do not pass (e.g. {@code not-tags})
 * @param changedSince when not null, only items updated at or after it pass ({@code changed_since},
 *                     standard-attr-timestamp)
 */
public record ListQuery(Map<String, List<Object>> filters, List<SortKey> sorts, int limit, String marker,
        boolean pageReverse, Set<String> ids, Set<String> excludedIds, Instant changedSince) {
    public ListQuery {
        filters = Map.copyOf(filters);
        sorts = List.copyOf(sorts);
        ids = ids == null ? null : Set.copyOf(ids);
        excludedIds = excludedIds == null ? Set.of() : Set.copyOf(excludedIds);
    }

    /** A query without id restrictions or changed_since, as before those existed. */
    public ListQuery(Map<String, List<Object>> filters, List<SortKey> sorts, int limit, String marker,
            boolean pageReverse) {
        this(filters, sorts, limit, marker, pageReverse, null, Set.of(), null);
    }

    public static ListQuery all() {
        return new ListQuery(Map.of(), List.of(new SortKey("id", true)), 0, null, false);
    }

    /** This query, passing only items whose id is also among these. */
    public ListQuery onlyIds(Collection<String> allowed) {
        Set<String> next = new HashSet<>(allowed);
        if (ids != null) {
            next.retainAll(ids);
        }
        return new ListQuery(filters, sorts, limit, marker, pageReverse, next, excludedIds, changedSince);
    }

    /** This query, passing no item with one of these ids either. */
    public ListQuery excludingIds(Collection<String> excluded) {
        Set<String> next = new HashSet<>(excludedIds);
        next.addAll(excluded);
        return new ListQuery(filters, sorts, limit, marker, pageReverse, ids, next, changedSince);
    }

    /** This query without the given filter keys, once something other than the plugin has applied them. */
    public ListQuery withoutFilters(Collection<String> keys) {
        Map<String, List<Object>> next = new LinkedHashMap<>(filters);
        next.keySet().removeAll(keys);
        return new ListQuery(next, sorts, limit, marker, pageReverse, ids, excludedIds, changedSince);
    }

    /** This query's page of at most {@code limit} items after the marker (null: from the start), forward. */
    public ListQuery withPage(int limit, String marker) {
        return new ListQuery(filters, sorts, limit, marker, false, ids, excludedIds, changedSince);
    }

    public ListQuery withChangedSince(Instant since) {
        return new ListQuery(filters, sorts, limit, marker, pageReverse, ids, excludedIds, since);
    }

    /** Whether the id restrictions let this id pass; for handlers that list from memory. */
    public boolean admits(String id) {
        return (ids == null || ids.contains(id)) && !excludedIds.contains(id);
    }
}
