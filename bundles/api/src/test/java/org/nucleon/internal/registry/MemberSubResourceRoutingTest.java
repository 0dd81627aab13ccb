package org.nucleon.internal.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/** Routes of member sub-resources: where they match, and that they follow their extension and parent. */
public class MemberSubResourceRoutingTest {
    private static final String TAG_ALIAS = "standard-attr-tag";
    private static final List<String> ALIASES = List.of("network", "standard-attr-description", "security-group", "qos", TAG_ALIAS);

    private final MemberSubResource tags = new MemberSubResource() {
        @Override
        public Set<Operation> operations() {
            return Set.of(Operation.INDEX);
        }

        @Override
        public Reply handle(RequestContext context, Operation operation, Parent parent, String item, Object body) {
            throw new UnsupportedOperationException();
        }
    };

    private final IdFilter filter = new IdFilter() {
        @Override
        public Set<String> keys() {
            return Set.of("tags");
        }

        @Override
        public ListQuery restrict(RequestContext context, ListQuery query) {
            return query.onlyIds(List.of("a"));
        }
    };

    /** Every alias loaded; those in {@code supported} supported; tags on the given collections. */
    private ApiSnapshot build(Set<String> supported, String extension, List<String> served, String... tagged) {
        List<ExtensionDescriptor> ds = new ArrayList<>();
        ALIASES.forEach(a -> ds.add(ApiDefinitions.neutron().extension(a)));
        Map<String, ResourceHandler> handlers = new HashMap<>();
        served.forEach(c -> handlers.put(c, new SnapshotBuilderTest.Stub(c)));
        Map<String, List<SnapshotBuilder.SubResource>> subs = new HashMap<>();
        Map<String, List<IdFilter>> filters = new HashMap<>();
        for (String c : tagged) {
            subs.put(c, List.of(new SnapshotBuilder.SubResource("tags", extension, tags)));
            filters.put(c, List.of(filter));
        }
        return SnapshotBuilder.build(ds, supported, handlers, Map.of(), filters, subs);
    }

    private ApiSnapshot all(String... tagged) {
        return build(new HashSet<>(ALIASES), TAG_ALIAS, List.of("networks", "security_groups",
                "security_group_rules", "policies", "rule_types", "bandwidth_limit_rules", "dscp_marking_rules",
                "minimum_bandwidth_rules"), tagged);
    }

    private static List<String> segs(String path) {
        return Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
    }

    @Test
    public void allTagsAndOneTagOfAMember() {
        ApiSnapshot s = all("networks");
        RouteMatch m = s.match(segs("networks/n1/tags"));
        assertEquals("networks", m.route().collection());
        assertEquals("n1", m.id());
        assertEquals("tags", m.subResource());
        assertNull(m.subId());
        assertNull(m.action());
        assertSame(tags, m.route().subResources().get("tags"));
        m = s.match(segs("networks/n1/tags/red"));
        assertEquals("red", m.subId());
        assertEquals("tags", m.subResource());
    }

    @Test
    public void otherSegmentsBelowAMemberStayUnrouted() {
        ApiSnapshot s = all("networks");
        assertNull(s.match(segs("networks/n1/labels")));
        assertNull(s.match(segs("networks/n1/tags/red/more")));
    }

    @Test
    public void onlyCollectionsItIsAttachedToHaveIt() {
        ApiSnapshot s = all("networks");
        assertNull(s.match(segs("security-groups/g1/tags")));
        assertEquals(Map.of(), s.routes().stream().filter(r -> r.collection().equals("security_groups"))
                .findFirst().orElseThrow().subResources());
    }

    @Test
    public void dashedCollectionsAsNeutronRoutesThem() {
        ApiSnapshot s = all("security_groups");
        assertEquals("security_groups", s.match(segs("security-groups/g1/tags/x")).route().collection());
        assertEquals("security_groups", s.match(segs("security_groups/g1/tags")).route().collection());
    }

    @Test
    public void prefixedCollectionsBothWithAndWithoutTheirPrefix() {
        ApiSnapshot s = all("policies");
        RouteMatch prefixed = s.match(segs("qos/policies/p1/tags"));
        assertEquals("policies", prefixed.route().collection());
        assertEquals("p1", prefixed.id());
        RouteMatch bare = s.match(segs("policies/p1/tags/x"));
        assertEquals("policies", bare.route().collection());
        assertEquals("x", bare.subId());
        // the bare name routes nothing but the sub-resource
        assertNull(s.match(segs("policies/p1")));
        assertNull(s.match(segs("policies")));
        // the policy's own sub-collections still route as before
        assertEquals("bandwidth_limit_rules", s.match(segs("qos/policies/p1/bandwidth_limit_rules/r1")).route()
                .collection());
    }

    @Test
    public void goneWithItsExtension() {
        Set<String> supported = new HashSet<>(ALIASES);
        supported.remove(TAG_ALIAS);
        ApiSnapshot s = build(supported, TAG_ALIAS, List.of("networks"), "networks");
        assertNull(s.match(segs("networks/n1/tags")));
        assertEquals("n1", s.match(segs("networks/n1")).id());
    }

    @Test
    public void withoutAnExtensionItFollowsOnlyItsParent() {
        Set<String> supported = new HashSet<>(ALIASES);
        supported.remove(TAG_ALIAS);
        assertEquals("tags", build(supported, null, List.of("networks"), "networks")
                .match(segs("networks/n1/tags")).subResource());
    }

    @Test
    public void goneWithItsParentCollection() {
        ApiSnapshot s = build(new HashSet<>(ALIASES), TAG_ALIAS, List.of("security_groups",
                "security_group_rules"), "networks", "security_groups");
        assertNull(s.match(segs("networks/n1/tags")));
        assertEquals("tags", s.match(segs("security-groups/g1/tags")).subResource());
    }

    @Test
    public void idFiltersNarrowTheQueryAndLeaveTheHandlerNoneOfTheirKeys() {
        Route networks = all("networks").match(segs("networks")).route();
        ListQuery q = new ListQuery(Map.of("tags", List.of("red"), "name", List.of("n")), List.of(), 0, null, false);
        ListQuery narrowed = networks.restricted(null, q);
        assertEquals(Set.of("a"), narrowed.ids());
        assertEquals(Map.of("name", List.of("n")), narrowed.filters());
        // a query without its keys does not reach the filter at all
        ListQuery plain = ListQuery.all();
        assertSame(plain, networks.restricted(null, plain));
    }
}
