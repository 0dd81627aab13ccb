package org.nucleon.internal.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.internal.registry.Route;

/**
 * Neutron's reading of a list request's query string ({@code api_common}: get_filters,
 * get_sorts, get_limit_and_marker, get_page_reverse) into a {@link ListQuery} and fields.
 */
public final class ListRequest {
    static final Set<String> RESERVED = Set.of("fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse");

    private ListRequest() {
    }

    /**
     * Filters are validated and empty values kept, as Neutron does with its default
     * filter-validation and empty-string-filtering.
     *
     * @param maxLimit pagination_max_limit; 0 or less for none
     */
    public static ListQuery parse(QueryString q, Route route, int maxLimit) {
        Map<String, AttributeDefinition> attrs = route.attributes();
        return new ListQuery(filters(q, attrs), sorts(q, attrs), limit(q, maxLimit), q.get("marker"),
                "true".equalsIgnoreCase(q.get("page_reverse")));
    }

    static Map<String, List<Object>> filters(QueryString q, Map<String, AttributeDefinition> attrs) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : q.entries()) {
            String key = e.getKey();
            if (RESERVED.contains(key)) {
                continue;
            }
            AttributeDefinition a = attrs.get(key);
            if (a == null || !a.filter()) {
                throw NeutronException.badRequest(pyList(List.of(key)) + " is invalid attribute for filtering");
            }
            String converterName = a.convertListTo() != null ? a.convertListTo() : a.convertTo();
            Object value = converterName == null ? e.getValue() : BodyProcessor.converter(converterName)
                    .convert(e.getValue());
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    static List<SortKey> sorts(QueryString q, Map<String, AttributeDefinition> attrs) {
        List<String> keys = q.all("sort_key");
        List<String> dirs = q.all("sort_dir");
        if (keys.size() != dirs.size()) {
            throw NeutronException.badRequest("The number of sort_keys and sort_dirs must be same");
        }
        List<String> absent = keys.stream().filter(k -> attrs.get(k) == null || !attrs.get(k).sortKey()).toList();
        if (!absent.isEmpty()) {
            throw NeutronException.badRequest(pyList(absent) + " is invalid attribute for sort_keys");
        }
        List<String> badDirs = dirs.stream().filter(d -> !d.equals("asc") && !d.equals("desc")).toList();
        if (!badDirs.isEmpty()) {
            throw NeutronException.badRequest(pyList(badDirs)
                    + " is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
        }
        List<SortKey> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new SortKey(keys.get(i), dirs.get(i).equals("asc")));
        }
        // Neutron appends the primary key so that paging through equal sort values is stable.
        if (out.stream().noneMatch(s -> s.attribute().equals(Route.PRIMARY_KEY))) {
            out.add(new SortKey(Route.PRIMARY_KEY, true));
        }
        return out;
    }

    static int limit(QueryString q, int maxLimit) {
        String raw = q.get("limit");
        int limit = 0;
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw new NeutronException(400, "BadRequest",
                        "Bad limit request: Limit must be an integer 0 or greater and not '" + raw + "'.");
            }
        }
        if (maxLimit > 0) {
            limit = limit == 0 ? maxLimit : Math.min(maxLimit, limit);
        }
        return limit;
    }

    /** The requested fields, or an empty list for all; {@code fields=} asks for none. */
    public static List<String> fields(QueryString q) {
        return q.all("fields");
    }

    /** Python's rendering of a list of strings, as Neutron's messages embed it. */
    static String pyList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? ", " : "").append('\'').append(items.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }
}
