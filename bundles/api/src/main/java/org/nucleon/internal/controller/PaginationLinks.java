package org.nucleon.internal.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutron's {@code <collection>_links} ({@code api_common.get_pagination_links}): next unless a
 * forward page came back short, previous unless a reverse page came back short.
 */
public final class PaginationLinks {
    private PaginationLinks() {
    }

    public static List<Map<String, String>> links(String collectionUrl, QueryString q, List<Map<String, Object>> items,
            int limit, boolean pageReverse, String primaryKey) {
        List<Map<String, String>> links = new ArrayList<>();
        if (limit <= 0) {
            return links;
        }
        boolean shortPage = items.size() < limit;
        if (!(shortPage && !pageReverse)) {
            QueryString next = q.with("page_reverse", null)
                    .with("marker", items.isEmpty() ? null : idOf(items.get(items.size() - 1), primaryKey));
            links.add(link("next", collectionUrl + "?" + next.encode()));
        }
        if (!(shortPage && pageReverse)) {
            QueryString prev = q.with("marker", items.isEmpty() ? null : idOf(items.get(0), primaryKey))
                    .with("page_reverse", "True");
            links.add(link("previous", collectionUrl + "?" + prev.encode()));
        }
        return links;
    }

    private static String idOf(Map<String, Object> item, String primaryKey) {
        return String.valueOf(item.get(primaryKey));
    }

    private static Map<String, String> link(String rel, String href) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("rel", rel);
        l.put("href", href);
        return l;
    }
}
