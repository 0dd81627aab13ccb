package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Neutron's get_pagination_links, checked against the recorded samples and the reference probe. */
public class PaginationLinksTest {
    private static final String NETWORKS = "http://127.0.0.1:9696/v2.0/networks";
    private static final String PORTS = "http://127.0.0.1:9696/v2.0/ports";

    private static List<Map<String, Object>> items(String... ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", "n-" + id);
            out.add(m);
        }
        return out;
    }

    private static Map<String, String> link(String rel, String href) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rel", rel);
        m.put("href", href);
        return m;
    }

    private static List<Map<String, String>> links(String url, String query, List<Map<String, Object>> items,
            int limit) {
        QueryString q = QueryString.parse(query);
        return PaginationLinks.links(url, q, items, limit, "true".equalsIgnoreCase(q.get("page_reverse")), "id");
    }

    /** 060-network-list-limit-2-sorted-name-asc. */
    @Test
    public void sample060() {
        assertEquals(List.of(
                link("next", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=315359ad-2570-44e1-aee0-dc0c8ae2d90d"),
                link("previous", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=55fc0b75-b3b4-4d7a-8bd1-e3497c0a610d&page_reverse=True")),
                links(NETWORKS, "limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name",
                        items("55fc0b75-b3b4-4d7a-8bd1-e3497c0a610d", "315359ad-2570-44e1-aee0-dc0c8ae2d90d"), 2));
    }

    /** 063-network-list-limit-2-marker-page2: the old marker is replaced, not repeated. */
    @Test
    public void sample063() {
        assertEquals(List.of(
                link("next", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=13d3af48-1422-4969-8b64-5c01bba440ed"),
                link("previous", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=cbe2d1e0-e8ba-4ae2-91a5-23d2850f2183&page_reverse=True")),
                links(NETWORKS, "limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=315359ad-2570-44e1-aee0-dc0c8ae2d90d",
                        items("cbe2d1e0-e8ba-4ae2-91a5-23d2850f2183", "13d3af48-1422-4969-8b64-5c01bba440ed"), 2));
    }

    /** 064-network-list-page-reverse: next drops page_reverse, previous moves it to the end. */
    @Test
    public void sample064() {
        assertEquals(List.of(
                link("next", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=315359ad-2570-44e1-aee0-dc0c8ae2d90d"),
                link("previous", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=55fc0b75-b3b4-4d7a-8bd1-e3497c0a610d&page_reverse=True")),
                links(NETWORKS, "limit=2&sort_key=name&sort_dir=asc&fields=id&fields=name"
                        + "&marker=cbe2d1e0-e8ba-4ae2-91a5-23d2850f2183&page_reverse=True",
                        items("55fc0b75-b3b4-4d7a-8bd1-e3497c0a610d", "315359ad-2570-44e1-aee0-dc0c8ae2d90d"), 2));
    }

    /** 066-port-list-limit-1: one item is both the first and the last. */
    @Test
    public void sample066() {
        assertEquals(List.of(
                link("next", PORTS + "?limit=1&fields=id&marker=b5517d4d-af5b-476f-9fb2-315938d2c3a3"),
                link("previous", PORTS + "?limit=1&fields=id&marker=b5517d4d-af5b-476f-9fb2-315938d2c3a3"
                        + "&page_reverse=True")),
                links(PORTS, "limit=1&fields=id", items("b5517d4d-af5b-476f-9fb2-315938d2c3a3"), 1));
    }

    /** Probe "limit=3 (non-dividing) hop 1" and "limit=5 (more than count)": no next. */
    @Test
    public void shortForwardPageHasOnlyPrevious() {
        assertEquals(List.of(link("previous", NETWORKS + "?limit=3&marker=74572b34&page_reverse=True")),
                links(NETWORKS, "limit=3&marker=724bd365", items("74572b34"), 3));
        assertEquals(List.of(link("previous", NETWORKS + "?limit=5&marker=a&page_reverse=True")),
                links(NETWORKS, "limit=5", items("a", "b", "c", "d"), 5));
    }

    /** Probe "limit=2 (divides 4) hop 2": empty page, previous without a marker. */
    @Test
    public void emptyPageAfterExactMultipleHasOnlyPreviousWithoutMarker() {
        assertEquals(List.of(link("previous", NETWORKS + "?limit=2&page_reverse=True")),
                links(NETWORKS, "limit=2&marker=74572b34-2708-4fe7-8257-beed13fe1f68", items(), 2));
        assertEquals(List.of(link("previous", NETWORKS + "?limit=2&sort_key=name&sort_dir=asc&page_reverse=True")),
                links(NETWORKS, "limit=2&sort_key=name&sort_dir=asc&marker=724bd365", items(), 2));
    }

    @Test
    public void shortReversePageHasOnlyNext() {
        assertEquals(List.of(link("next", NETWORKS + "?limit=2&marker=a")),
                links(NETWORKS, "limit=2&marker=b&page_reverse=True", items("a"), 2));
    }

    @Test
    public void fullReversePageWithoutMarkerHasBoth() {
        // probe "page_reverse=True limit=2 (no marker) hop 0"
        assertEquals(List.of(
                link("next", NETWORKS + "?limit=2&marker=74572b34"),
                link("previous", NETWORKS + "?limit=2&marker=724bd365&page_reverse=True")),
                links(NETWORKS, "limit=2&page_reverse=True", items("724bd365", "74572b34"), 2));
    }

    @Test
    public void limitZeroOrLessGivesNoLinks() {
        assertTrue(links(NETWORKS, "limit=0", items("a", "b"), 0).isEmpty());
        assertTrue(links(NETWORKS, "", items(), 0).isEmpty());
        assertTrue(PaginationLinks.links(NETWORKS, QueryString.parse(""), items("a"), -1, false, "id").isEmpty());
    }

    @Test
    public void otherParametersAreKeptAndReEncoded() {
        List<Map<String, String>> l = links(NETWORKS, "router%3Aexternal=True&name=a+b&limit=1", items("x"), 1);
        assertEquals(NETWORKS + "?router%3Aexternal=True&name=a+b&limit=1&marker=x", l.get(0).get("href"));
    }

    @Test
    public void linkKeysAreRelThenHref() {
        Map<String, String> first = links(NETWORKS, "limit=1", items("x"), 1).get(0);
        assertEquals(List.of("rel", "href"), new ArrayList<>(first.keySet()));
    }
}
