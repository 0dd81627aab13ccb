package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nucleon.internal.controller.Fixtures.assertNeutronError;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.internal.registry.Route;

/** api_common's get_filters, get_sorts, get_limit_and_marker and get_page_reverse on the network route. */
public class ListRequestTest {
    private static final Route NETWORKS = Fixtures.networkRoute();
    private static final String LIMIT_MSG = "Bad limit request: Limit must be an integer 0 or greater and not '%s'.";

    private static ListQuery parse(String query) {
        return ListRequest.parse(QueryString.parse(query), NETWORKS, -1);
    }

    private static ListQuery parse(String query, int maxLimit) {
        return ListRequest.parse(QueryString.parse(query), NETWORKS, maxLimit);
    }

    // ---- filters

    @Test
    public void noQueryMeansNoFiltersIdSortNoPaging() {
        ListQuery q = parse("");
        assertEquals(Map.of(), q.filters());
        assertEquals(List.of(new SortKey("id", true)), q.sorts());
        assertEquals(0, q.limit());
        assertNull(q.marker());
        assertFalse(q.pageReverse());
    }

    @Test
    public void repeatedKeyIsOneFilterWithEveryValue() {
        ListQuery q = parse("name=ref-net-a&name=ref-net-c");
        assertEquals(Map.of("name", List.of("ref-net-a", "ref-net-c")), q.filters());
    }

    @Test
    public void differentKeysAreSeparateFilters() {
        ListQuery q = parse("name=a&status=ACTIVE&tenant_id=p&project_id=p");
        assertEquals(Map.of("name", List.of("a"), "status", List.of("ACTIVE"), "tenant_id", List.of("p"),
                "project_id", List.of("p")), q.filters());
    }

    @Test
    public void valuesGoThroughTheAttributeConverter() {
        assertEquals(List.of(Boolean.TRUE), parse("admin_state_up=true").filters().get("admin_state_up"));
        assertEquals(List.of(Boolean.TRUE), parse("admin_state_up=1").filters().get("admin_state_up"));
        assertEquals(List.of(Boolean.TRUE, Boolean.FALSE),
                parse("admin_state_up=True&admin_state_up=false").filters().get("admin_state_up"));
        assertEquals(List.of(Boolean.FALSE), parse("shared=0").filters().get("shared"));
    }

    @Test
    public void valuesWithoutConverterStayStrings() {
        assertEquals(List.of("1"), parse("name=1").filters().get("name"));
    }

    @Test
    public void emptyValueIsKeptAsEmptyStringFiltering() {
        assertEquals(Map.of("name", List.of("")), parse("name=").filters());
    }

    @Test
    public void reservedKeysAreNotFilters() {
        ListQuery q = parse("fields=id&sort_key=name&sort_dir=asc&limit=1&marker=m&page_reverse=False");
        assertEquals(Map.of(), q.filters());
    }

    @Test
    public void unknownFilterIs400() {
        assertNeutronError(400, "HTTPBadRequest", "['bogus'] is invalid attribute for filtering",
                () -> parse("bogus=1"));
    }

    @Test
    public void nonFilterableAttributeIs400() {
        // networks.subnets has no is_filter (probe: "?subnets=x")
        assertNeutronError(400, "HTTPBadRequest", "['subnets'] is invalid attribute for filtering",
                () -> parse("subnets=x"));
    }

    @Test
    public void unconvertibleFilterValueIsInvalidInput() {
        assertNeutronError(400, "InvalidInput",
                "Invalid input for operation: 'maybe' cannot be converted to boolean.",
                () -> parse("admin_state_up=maybe"));
        assertNeutronError(400, "InvalidInput",
                "Invalid input for operation: '' cannot be converted to boolean.",
                () -> parse("admin_state_up="));
    }

    @Test
    public void extensionAttributesFilterOnlyWhenActive() {
        Route withExternal = Fixtures.route(Fixtures.snapshot(List.of("network", "external-net"), "networks",
                new FakeResourceHandler("Network")), "networks");
        ListQuery q = ListRequest.parse(QueryString.parse("router:external=True"), withExternal, -1);
        assertEquals(Map.of("router:external", List.of(Boolean.TRUE)), q.filters());
        assertNeutronError(400, "HTTPBadRequest", "['router:external'] is invalid attribute for filtering",
                () -> parse("router:external=True"));
    }

    // ---- sorting

    @Test
    public void sortKeysAndDirsMustPairUp() {
        String msg = "The number of sort_keys and sort_dirs must be same";
        assertNeutronError(400, "HTTPBadRequest", msg, () -> parse("sort_key=name"));
        assertNeutronError(400, "HTTPBadRequest", msg, () -> parse("sort_dir=asc"));
        assertNeutronError(400, "HTTPBadRequest", msg, () -> parse("sort_key=bogus"));
        assertNeutronError(400, "HTTPBadRequest", msg, () -> parse("sort_key=name&sort_key=id&sort_dir=asc"));
        assertNeutronError(400, "HTTPBadRequest", msg, () -> parse("sort_key=name&sort_dir=asc&sort_dir=desc"));
    }

    @Test
    public void unknownOrUnsortableSortKeyIs400() {
        assertNeutronError(400, "HTTPBadRequest", "['bogus'] is invalid attribute for sort_keys",
                () -> parse("sort_key=bogus&sort_dir=asc"));
        // shared has no is_sort_key (probe: "?sort_key=shared&sort_dir=asc")
        assertNeutronError(400, "HTTPBadRequest", "['shared'] is invalid attribute for sort_keys",
                () -> parse("sort_key=shared&sort_dir=asc"));
        assertNeutronError(400, "HTTPBadRequest", "['bogus', 'other'] is invalid attribute for sort_keys",
                () -> parse("sort_key=bogus&sort_key=name&sort_key=other&sort_dir=asc&sort_dir=asc&sort_dir=asc"));
    }

    @Test
    public void badSortDirIs400() {
        assertNeutronError(400, "HTTPBadRequest",
                "['sideways'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'",
                () -> parse("sort_key=name&sort_dir=sideways"));
        assertNeutronError(400, "HTTPBadRequest",
                "['ASC'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'",
                () -> parse("sort_key=name&sort_dir=ASC"));
    }

    @Test
    public void sortKeysCheckedBeforeDirs() {
        assertNeutronError(400, "HTTPBadRequest", "['bogus'] is invalid attribute for sort_keys",
                () -> parse("sort_key=bogus&sort_dir=sideways"));
    }

    @Test
    public void idIsAppendedAsLastSortKey() {
        assertEquals(List.of(new SortKey("name", false), new SortKey("id", true)),
                parse("sort_key=name&sort_dir=desc").sorts());
        assertEquals(List.of(new SortKey("status", true), new SortKey("name", false), new SortKey("id", true)),
                parse("sort_key=status&sort_dir=asc&sort_key=name&sort_dir=desc").sorts());
    }

    @Test
    public void explicitIdSortIsNotRepeated() {
        assertEquals(List.of(new SortKey("id", false)), parse("sort_key=id&sort_dir=desc").sorts());
        assertEquals(List.of(new SortKey("id", false), new SortKey("name", true)),
                parse("sort_key=id&sort_dir=desc&sort_key=name&sort_dir=asc").sorts());
    }

    @Test
    public void tenantAndProjectIdAreSortKeys() {
        assertEquals(new SortKey("project_id", true), parse("sort_key=project_id&sort_dir=asc").sorts().get(0));
        assertEquals(new SortKey("tenant_id", true), parse("sort_key=tenant_id&sort_dir=asc").sorts().get(0));
    }

    // ---- limit, marker, page_reverse

    @Test
    public void limitParses() {
        assertEquals(2, parse("limit=2").limit());
        assertEquals(0, parse("limit=0").limit());
        assertEquals(7, parse("limit=5&limit=7").limit());
    }

    @Test
    public void badLimitsAreBadRequest() {
        for (String bad : List.of("-1", "abc", "", "1.5", "99999999999999999999", "2147483648")) {
            assertNeutronError(400, "BadRequest", String.format(LIMIT_MSG, bad), () -> parse("limit=" + bad));
        }
    }

    @Test
    public void paginationMaxLimitCaps() {
        assertEquals(10, parse("", 10).limit());
        assertEquals(10, parse("limit=0", 10).limit());
        assertEquals(10, parse("limit=50", 10).limit());
        assertEquals(5, parse("limit=5", 10).limit());
        assertEquals(50, parse("limit=50", -1).limit());
        assertEquals(50, parse("limit=50", 0).limit());
        assertEquals(0, parse("", 0).limit());
    }

    @Test
    public void maxLimitDoesNotExcuseABadLimit() {
        assertNeutronError(400, "BadRequest", String.format(LIMIT_MSG, "-1"), () -> parse("limit=-1", 10));
    }

    @Test
    public void markerAndPageReverse() {
        ListQuery q = parse("limit=1&marker=abc&page_reverse=True");
        assertEquals("abc", q.marker());
        assertTrue(q.pageReverse());
        assertTrue(parse("page_reverse=true").pageReverse());
        assertFalse(parse("page_reverse=maybe").pageReverse());
        assertFalse(parse("page_reverse=False").pageReverse());
        assertFalse(parse("page_reverse=1").pageReverse());
    }

    // ---- fields

    @Test
    public void fieldsAreTheRepeatedValuesAsGiven() {
        assertEquals(List.of(), ListRequest.fields(QueryString.parse("limit=1")));
        assertEquals(List.of("id", "name"), ListRequest.fields(QueryString.parse("fields=id&fields=name")));
        // fields= asks for nothing, and "id,name" is one (unknown) field, as the probe shows
        assertEquals(List.of(""), ListRequest.fields(QueryString.parse("fields=")));
        assertEquals(List.of("id,name"), ListRequest.fields(QueryString.parse("fields=id,name")));
    }

    @Test
    public void pyListRendersLikePython() {
        assertEquals("['a']", ListRequest.pyList(List.of("a")));
        assertEquals("['a', 'b']", ListRequest.pyList(List.of("a", "b")));
        assertEquals("[]", ListRequest.pyList(List.of()));
    }

    // ---- known discrepancies with Neutron (see report); enable once fixed

    /**
     * api_common.get_filters_from_dict collects every invalid key and raises once at the end,
     * after converting the valid ones; ListRequest stops at the first bad key.
     */
    @Test
    public void allInvalidFiltersAreNamedAfterConversion() {
        assertNeutronError(400, "HTTPBadRequest", "['bogus', 'other'] is invalid attribute for filtering",
                () -> parse("bogus=1&name=a&other=2"));
        assertNeutronError(400, "InvalidInput",
                "Invalid input for operation: 'maybe' cannot be converted to boolean.",
                () -> parse("bogus=1&admin_state_up=maybe"));
    }

    /** api_common.list_args drops empty sort_key/sort_dir values. */
    @Test
    public void emptySortValuesAreDropped() {
        assertEquals(List.of(new SortKey("id", true)), parse("sort_key=&sort_dir=").sorts());
    }

    /** Neutron's QueryParametersHook builds the pagination helper (limit) before the sorting helper. */
    @Test
    public void limitIsCheckedBeforeSorts() {
        assertNeutronError(400, "BadRequest", String.format(LIMIT_MSG, "abc"),
                () -> parse("sort_key=bogus&sort_dir=asc&limit=abc"));
    }

    // ---- changed_since (standard-attr-timestamp)

    private static final Route TIMESTAMPED = Fixtures.route(Fixtures.snapshot(List.of("network",
            "standard-attr-timestamp"), "networks", new FakeResourceHandler("Network")), "networks");
    private static final String CHANGED_SINCE_MSG = "Invalid input for operation: The input changed_since must be in "
            + "the following format: YYYY-MM-DDTHH:MM:SSZ.";

    private static ListQuery timestamped(String query) {
        return ListRequest.parse(QueryString.parse(query), TIMESTAMPED, -1);
    }

    @Test
    public void changedSinceIsAnInstantNotAFilter() {
        ListQuery q = timestamped("changed_since=2024-01-02T03:04:05Z&name=a");
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), q.changedSince());
        assertEquals(Map.of("name", List.of("a")), q.filters());
        assertNull(timestamped("").changedSince());
    }

    @Test
    public void changedSinceReadsIso8601AsNeutronsParseIsotime() {
        assertEquals(Instant.parse("2024-01-02T02:04:05Z"), timestamped("changed_since=2024-01-02T03:04:05%2B01:00")
                .changedSince());
        // no zone means UTC, as normalize_time leaves it
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), timestamped("changed_since=2024-01-02T03:04:05")
                .changedSince());
        assertEquals(Instant.parse("2024-01-02T03:04:05.250Z"), timestamped(
                "changed_since=2024-01-02T03:04:05.25Z").changedSince());
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"), timestamped("changed_since=2024-01-02").changedSince());
        // the first value counts
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), timestamped(
                "changed_since=2020-01-01T00:00:00Z&changed_since=2030-01-01T00:00:00Z").changedSince());
    }

    @Test
    public void badChangedSinceIsInvalidInput() {
        for (String bad : List.of("yesterday", "", "2024-13-01T00:00:00Z", "2024-01-02T25:00:00Z", "1700000000")) {
            assertNeutronError(400, "InvalidInput", CHANGED_SINCE_MSG, () -> timestamped("changed_since=" + bad));
        }
    }

    @Test
    public void changedSinceNeedsTimestamps() {
        assertNeutronError(400, "HTTPBadRequest", "['changed_since'] is invalid attribute for filtering",
                () -> parse("changed_since=2024-01-02T03:04:05Z"));
    }
}
