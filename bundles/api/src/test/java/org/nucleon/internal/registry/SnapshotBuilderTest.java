package org.nucleon.internal.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/** Activation, attribute merging and routing, on Neutron's own extension definitions. */
public class SnapshotBuilderTest {

    /** A handler that is only ever compared, never called. */
    static final class Stub implements ResourceHandler {
        final String name;

        Stub(String name) {
            this.name = name;
        }

        @Override
        public Map<String, Object> create(RequestContext c, Map<String, Object> r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> get(RequestContext c, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Map<String, Object>> list(RequestContext c, ListQuery q) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> update(RequestContext c, String id, Map<String, Object> ch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(RequestContext c, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            return "Stub(" + name + ")";
        }
    }

    private static List<ExtensionDescriptor> descriptors(String... aliases) {
        List<ExtensionDescriptor> out = new ArrayList<>();
        for (String a : aliases) {
            out.add(ApiDefinitions.neutron().extension(a));
        }
        return out;
    }

    /** A stub handler for each collection named. */
    private static Map<String, ResourceHandler> handlers(String... collections) {
        Map<String, ResourceHandler> out = new HashMap<>();
        for (String c : collections) {
            out.put(c, new Stub(c));
        }
        return out;
    }

    /** All aliases loaded and supported. */
    private static ApiSnapshot build(List<String> aliases, Map<String, ResourceHandler> handlers) {
        return SnapshotBuilder.build(descriptors(aliases.toArray(String[]::new)), Set.copyOf(aliases), handlers);
    }

    private static Route route(ApiSnapshot s, String collection) {
        return s.routes().stream().filter(r -> r.collection().equals(collection)).findFirst().orElse(null);
    }

    private static List<String> aliases(ApiSnapshot s) {
        return s.extensions().stream().map(ExtensionDescriptor::alias).toList();
    }

    private static List<String> segs(String path) {
        return Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
    }

    private static final List<String> QOS_COLLECTIONS = List.of("policies", "rule_types", "bandwidth_limit_rules",
            "dscp_marking_rules", "minimum_bandwidth_rules");

    // ---- activation

    @Test
    public void extensionWithoutPluginSupportIsInactive() {
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network", "external-net"), Set.of("network"),
                handlers("networks"));
        assertEquals(Map.of("external-net", "no loaded plugin supports it"), s.inactive());
        assertFalse(s.isActive("external-net"));
        assertFalse(route(s, "networks").attributes().containsKey("router:external"));
    }

    @Test
    public void unsupportedCoreResourceHasNoRoute() {
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network"), Set.of(), handlers("networks"));
        assertEquals(Map.of("network", "no loaded plugin supports it"), s.inactive());
        assertTrue(s.routes().isEmpty());
        assertNull(s.match(List.of("networks")));
    }

    @Test
    public void missingRequirementNamesTheAlias() {
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network", "security-group"), Set.of("network",
                "security-group"), handlers("networks", "security_groups", "security_group_rules"));
        assertEquals("requires extension 'standard-attr-description', which is not loaded",
                s.inactive().get("security-group"));
        assertNull(route(s, "security_groups"));
    }

    @Test
    public void inactiveRequirementNamesTheAlias() {
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network", "security-group", "standard-attr-description"),
                Set.of("network", "security-group"), handlers("networks", "security_groups", "security_group_rules"));
        assertEquals("requires extension 'standard-attr-description', which is inactive",
                s.inactive().get("security-group"));
        assertEquals("no loaded plugin supports it", s.inactive().get("standard-attr-description"));
        assertTrue(s.extensions().isEmpty());
    }

    @Test
    public void requirementsResolveWhateverTheAliasOrder() {
        // "security-group" sorts before the "standard-attr-description" it requires
        ApiSnapshot s = build(List.of("network", "security-group", "standard-attr-description"),
                handlers("networks", "security_groups", "security_group_rules"));
        assertTrue(s.inactive().toString(), s.inactive().isEmpty());
        assertTrue(s.isActive("security-group"));
        assertNotNull(route(s, "security_groups"));
    }

    @Test
    public void definingCollectionWithoutHandlerMakesTheExtensionInactive() {
        ApiSnapshot none = build(List.of("qos"), handlers());
        assertEquals("no handler serves its collection 'policies'", none.inactive().get("qos"));
        ApiSnapshot someRules = build(List.of("qos"), handlers("policies", "bandwidth_limit_rules"));
        assertEquals("no handler serves its collection 'rule_types'", someRules.inactive().get("qos"));
        assertTrue(someRules.routes().isEmpty());
    }

    @Test
    public void extendingEntriesNeedNoHandler() {
        // qos extends networks and ports; neither needs serving for qos to be active
        ApiSnapshot s = build(List.of("qos"), handlers(QOS_COLLECTIONS.toArray(String[]::new)));
        assertTrue(s.isActive("qos"));
        assertNull(route(s, "networks"));
    }

    // ---- attribute maps

    @Test
    public void activeExtensionAddsItsAttributesToAnotherCollection() {
        ApiSnapshot s = build(List.of("network", "external-net"), handlers("networks"));
        AttributeDefinition ext = route(s, "networks").attributes().get("router:external");
        assertNotNull(ext);
        assertEquals("convert_to_boolean", ext.convertTo());
        assertEquals(Boolean.FALSE, ext.defaultValue());
        assertTrue(ext.allowPost() && ext.allowPut() && ext.filter() && ext.visible());
        // the defining attributes stay first, in their declared order
        List<String> names = new ArrayList<>(route(s, "networks").attributes().keySet());
        assertEquals(List.of("id", "name", "subnets", "admin_state_up", "status", "tenant_id", "shared"),
                names.subList(0, 7));
    }

    @Test
    public void standardAttributeExtensionsExtendEveryStandardCollection() {
        ApiSnapshot s = build(List.of("network", "security-group", "standard-attr-description"),
                handlers("networks", "security_groups", "security_group_rules"));
        assertTrue(route(s, "networks").attributes().containsKey("description"));
        assertTrue(route(s, "security_groups").attributes().containsKey("description"));
        assertEquals("", route(s, "networks").attributes().get("description").defaultValue());
    }

    @Test
    public void projectIdMirrorsTenantId() {
        ApiSnapshot s = build(List.of("network", "qos"), handlers("networks", "policies", "rule_types", "bandwidth_limit_rules",
                "dscp_marking_rules", "minimum_bandwidth_rules"));
        Map<String, AttributeDefinition> attrs = route(s, "networks").attributes();
        AttributeDefinition tenant = attrs.get("tenant_id");
        AttributeDefinition project = attrs.get("project_id");
        assertNotNull(project);
        assertEquals(tenant.allowPost(), project.allowPost());
        assertEquals(tenant.allowPut(), project.allowPut());
        assertEquals(tenant.visible(), project.visible());
        assertEquals(tenant.filter(), project.filter());
        assertEquals(tenant.sortKey(), project.sortKey());
        assertEquals(tenant.validators(), project.validators());
        assertFalse(project.hasDefault());
        assertTrue(project.allowPost() && !project.allowPut() && project.filter() && project.sortKey());
        // added last, as neutron-lib's populate_project_info does
        List<String> names = new ArrayList<>(attrs.keySet());
        assertEquals("project_id", names.get(names.size() - 1));
        // not invented where there is no tenant_id
        assertFalse(route(s, "bandwidth_limit_rules").attributes().containsKey("project_id"));
        assertTrue(route(s, "policies").attributes().containsKey("project_id"));
    }

    // ---- listing

    @Test
    public void coreResourcesAreRoutedButNotListedAsExtensions() {
        ApiSnapshot s = build(List.of("network", "subnet", "external-net"), handlers("networks", "subnets"));
        assertEquals(List.of("external-net"), aliases(s));
        assertFalse(s.isActive("network"));
        assertNull(s.extension("subnet"));
        assertEquals(List.of("networks", "subnets"), s.coreRoutes().stream().map(Route::collection).toList());
        assertTrue(route(s, "networks").core());
        assertEquals("network", route(s, "networks").member());
    }

    @Test
    public void extensionsWithoutApiPrefixAreListedAndExtend() {
        // neutron-lib gives these no API_PREFIX, as it gives the core resources none
        ApiSnapshot s = build(List.of("router", "extraroute", "extraroute-atomic", "fip-port-details"),
                handlers("routers", "floatingips"));
        assertEquals(List.of("extraroute-atomic", "fip-port-details", "router", "extraroute").stream().sorted()
                .toList(), aliases(s).stream().sorted().toList());
        assertTrue(s.coreRoutes().isEmpty());
        assertTrue(route(s, "floatingips").attributes().containsKey("port_details"));
        assertEquals("PUT", route(s, "routers").actions().get("add_extraroutes"));
    }

    @Test
    public void coreRoutesComeFirst() {
        ApiSnapshot s = build(List.of("qos", "network", "security-group", "standard-attr-description"),
                handlers("networks", "policies", "bandwidth_limit_rules", "dscp_marking_rules",
                        "minimum_bandwidth_rules", "security_groups", "security_group_rules"));
        assertEquals("networks", s.routes().get(0).collection());
        assertTrue(s.routes().stream().skip(1).noneMatch(Route::core));
    }

    @Test
    public void listedExtensionsAreSortedByName() {
        ApiSnapshot s = build(List.of("network", "standard-attr-description", "security-group", "qos",
                "external-net", "router"), handlers("networks", "security_groups", "security_group_rules",
                "policies", "rule_types", "bandwidth_limit_rules", "dscp_marking_rules", "minimum_bandwidth_rules", "routers",
                "floatingips"));
        // names: "Neutron L3 Router", "Neutron external network", "Quality of Service", "security-group",
        // "standard-attr-description"
        assertEquals(List.of("router", "external-net", "qos", "security-group", "standard-attr-description"),
                aliases(s));
        List<ExtensionDescriptor> sorted = new ArrayList<>(s.extensions());
        sorted.sort(Comparator.comparing(ExtensionDescriptor::name));
        assertEquals(sorted, s.extensions());
    }

    @Test
    public void snapshotIsImmutable() {
        ApiSnapshot s = build(List.of("network"), handlers("networks"));
        try {
            s.routes().clear();
        } catch (UnsupportedOperationException expected) {
            assertEquals(1, s.routes().size());
            return;
        }
        throw new AssertionError("routes are modifiable");
    }

    // ---- routing

    @Test
    public void collectionMemberAndNothingElse() {
        Map<String, ResourceHandler> hs = handlers("networks");
        ApiSnapshot s = build(List.of("network"), hs);
        RouteMatch c = s.match(List.of("networks"));
        assertEquals("networks", c.route().collection());
        assertNull(c.id());
        assertNull(c.parentId());
        assertNull(c.action());
        assertSame(hs.get("networks"), c.route().handler());
        RouteMatch m = s.match(List.of("networks", "n1"));
        assertEquals("n1", m.id());
        assertNull(m.action());
        assertNull(s.match(List.of("networks", "n1", "bogus")));
        assertNull(s.match(List.of("networks", "n1", "a", "b")));
        assertNull(s.match(List.of("subnets")));
        assertNull(s.match(List.of("Networks")));
        assertEquals("/networks", c.route().path(null));
    }

    @Test
    public void memberActionsOfAnExtension() {
        ApiSnapshot s = build(List.of("network", "router", "external-net"), handlers("networks", "routers",
                "floatingips"));
        RouteMatch m = s.match(segs("routers/r1/add_router_interface"));
        assertEquals("routers", m.route().collection());
        assertEquals("r1", m.id());
        assertEquals("add_router_interface", m.action());
        assertEquals("PUT", m.route().actions().get("add_router_interface"));
        assertEquals("remove_router_interface", s.match(segs("routers/r1/remove_router_interface")).action());
        assertNull(s.match(segs("routers/r1/bogus_action")));
        // actions are per collection
        assertNull(s.match(segs("networks/n1/add_router_interface")));
        assertNull(s.match(segs("floatingips/f1/add_router_interface")));
    }

    @Test
    public void subResourceUnderItsParentId() {
        Map<String, ResourceHandler> hs = handlers(QOS_COLLECTIONS.toArray(String[]::new));
        ApiSnapshot s = build(List.of("qos"), hs);
        Route policies = route(s, "policies");
        assertEquals("policy", policies.member());
        assertEquals("/qos/policies", policies.path(null));

        Route rules = route(s, "bandwidth_limit_rules");
        assertEquals("bandwidth_limit_rule", rules.member());
        assertEquals("policy", rules.parentMember());
        assertEquals("/qos/policies/P1/bandwidth_limit_rules", rules.path("P1"));

        RouteMatch c = s.match(segs("qos/policies/P1/bandwidth-limit-rules"));
        assertSame(rules, c.route());
        assertEquals("P1", c.parentId());
        assertNull(c.id());
        RouteMatch m = s.match(segs("qos/policies/P1/bandwidth-limit-rules/R1"));
        assertSame(hs.get("bandwidth_limit_rules"), m.route().handler());
        assertEquals("P1", m.parentId());
        assertEquals("R1", m.id());
        RouteMatch p = s.match(segs("qos/policies/P1"));
        assertSame(policies, p.route());
        assertEquals("P1", p.id());
        assertNull(p.parentId());
        assertSame(route(s, "dscp_marking_rules"), s.match(segs("qos/policies/P1/dscp-marking-rules")).route());
        // the prefix is part of the path
        assertNull(s.match(segs("policies")));
        assertNull(s.match(segs("qos/policies/P1/bogus-rules")));
    }

    /**
     * Neutron's flavors has a top-level service_profiles collection and, under a flavor, a
     * sub-resource of the same name (associations): two routes, each with its own handler.
     */
    @Test
    public void subResourceNamedAsATopLevelCollectionIsItsOwnRoute() {
        Map<String, ResourceHandler> hs = handlers("flavors", "service_profiles", "flavors/service_profiles",
                "flavors/next_providers");
        ApiSnapshot s = build(List.of("flavors"), hs);
        assertTrue(s.isActive("flavors"));
        RouteMatch top = s.match(segs("service_profiles/P1"));
        assertSame(hs.get("service_profiles"), top.route().handler());
        assertTrue(top.route().attributes().containsKey("driver"));
        RouteMatch sub = s.match(segs("flavors/F1/service_profiles/P1"));
        assertSame(hs.get("flavors/service_profiles"), sub.route().handler());
        assertEquals("F1", sub.parentId());
        assertEquals("service_profile", sub.route().member());
        assertEquals(Set.of("id"), sub.route().attributes().keySet());
        assertSame(hs.get("flavors/next_providers"), s.match(segs("flavors/F1/next_providers")).route().handler());
    }

    /** The top-level handler never serves the sub-resource of the same name, even while its own is missing. */
    @Test
    public void subResourceWithoutItsHandlerIsInactive() {
        ApiSnapshot s = build(List.of("flavors"), handlers("flavors", "service_profiles", "flavors/next_providers"));
        assertEquals("no handler serves its collection 'service_profiles'", s.inactive().get("flavors"));
        assertNull(s.match(segs("flavors/F1/service_profiles")));
    }

    /** An extension entry that names no parent still extends the sub-resource of its name. */
    @Test
    public void parentlessEntryExtendsTheSubResource() {
        ApiSnapshot s = build(List.of("qos", "qos-bw-limit-direction"), handlers(QOS_COLLECTIONS.toArray(
                String[]::new)));
        assertTrue(s.isActive("qos-bw-limit-direction"));
        assertTrue(route(s, "bandwidth_limit_rules").attributes().containsKey("direction"));
        assertNull(s.match(segs("bandwidth-limit-rules")));
    }

    @Test
    public void extensionCollectionsUseDashes() {
        ApiSnapshot s = build(List.of("network", "security-group", "standard-attr-description"),
                handlers("networks", "security_groups", "security_group_rules"));
        Route sg = route(s, "security_groups");
        assertEquals("/security-groups", sg.path(null));
        assertEquals("security_group", sg.member());
        assertSame(sg, s.match(segs("security-groups")).route());
        assertEquals("sg1", s.match(segs("security-groups/sg1")).id());
        assertEquals("/security-group-rules", route(s, "security_group_rules").path(null));
    }

    // ---- known discrepancies with Neutron (see report); enable once fixed

    /**
     * Sample 111-qos-bandwidth-limit-rule-create posts to
     * /v2.0/qos/policies/{id}/bandwidth_limit_rules: Neutron does not translate sub-resource
     * collection names (and its pecan lookup accepts either spelling of any collection).
     */
    @Test
    public void qosRulesAtTheirUnderscoredPath() {
        ApiSnapshot s = build(List.of("qos"), handlers(QOS_COLLECTIONS.toArray(String[]::new)));
        RouteMatch m = s.match(segs("qos/policies/P1/bandwidth_limit_rules"));
        assertNotNull(m);
        assertEquals("bandwidth_limit_rules", m.route().collection());
    }

    /**
     * agents (sample 142), availability_zones and qos rule_types (sample 113) are served by
     * Neutron, but their definitions have no primary_key attribute, so no route is ever made.
     */
    @Test
    public void collectionsWithoutPrimaryKeyAreRouted() {
        ApiSnapshot s = build(List.of("agent", "qos"), handlers("agents", "rule_types", "policies",
                "bandwidth_limit_rules", "dscp_marking_rules", "minimum_bandwidth_rules"));
        assertNotNull(s.match(segs("agents")));
        assertNotNull(s.match(segs("qos/rule-types")));
    }

    @Test
    public void extendersAddTheirAttributesToCopiesOfTheItems() {
        ResourceExtender qos = (ctx, items) -> items.forEach(i -> i.put("qos_policy_id", "p-" + i.get("id")));
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network"), Set.of("network"), handlers("networks"),
                Map.of("networks", List.of(qos)));
        Map<String, Object> stored = Map.of("id", "n1", "name", "a");
        List<Map<String, Object>> out = route(s, "networks").extended(null, List.of(stored));
        assertEquals("p-n1", out.get(0).get("qos_policy_id"));
        assertEquals("a", out.get(0).get("name"));
        assertFalse("the handler's item is left alone", stored.containsKey("qos_policy_id"));
    }

    @Test
    public void anExtenderThatFailsLeavesOutOnlyItsAttributes() {
        ResourceExtender leaving = (ctx, items) -> {
            throw new IllegalStateException("EntityManagerFactory is closed");
        };
        ResourceExtender tags = (ctx, items) -> items.forEach(i -> i.put("tags", List.of()));
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network"), Set.of("network"), handlers("networks"),
                Map.of("networks", List.of(leaving, tags)));
        List<Map<String, Object>> out = route(s, "networks").extended(null, List.of(Map.of("id", "n1")));
        assertEquals(List.of(), out.get(0).get("tags"));
        assertFalse(out.get(0).containsKey("qos_policy_id"));
    }

    @Test(expected = NeutronException.class)
    public void anExtendersNeutronErrorStillAnswers() {
        ResourceExtender refusing = (ctx, items) -> {
            throw NeutronException.badRequest("no");
        };
        ApiSnapshot s = SnapshotBuilder.build(descriptors("network"), Set.of("network"), handlers("networks"),
                Map.of("networks", List.of(refusing)));
        route(s, "networks").extended(null, List.of(Map.of("id", "n1")));
    }
}
