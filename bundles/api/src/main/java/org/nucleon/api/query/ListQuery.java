package org.nucleon.api.query;

import java.util.List;
import java.util.Map;

/**
 * A validated list request, as the generic controller hands it to a plugin.
 *
 * @param filters     attribute to the accepted values (converted); different attributes AND, values OR
 * @param sorts       sort keys in order; the primary key is always the last one, as Neutron appends it
 * @param limit       page size, or 0 for no paging
 * @param marker      id of the last item seen, or null
 * @param pageReverse whether to page backwards from the marker
 */
public record ListQuery(Map<String, List<Object>> filters, List<SortKey> sorts, int limit, String marker,
        boolean pageReverse) {
    public ListQuery {
        filters = Map.copyOf(filters);
        sorts = List.copyOf(sorts);
    }

    public static ListQuery all() {
        return new ListQuery(Map.of(), List.of(new SortKey("id", true)), 0, null, false);
    }
}
