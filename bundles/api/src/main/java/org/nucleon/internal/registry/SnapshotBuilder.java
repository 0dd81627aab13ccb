package org.nucleon.internal.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ResourceDefinition;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;

/**
 * Computes a snapshot from what is registered now, as Neutron's PluginAwareExtensionManager
 * does at start: an extension is active when a plugin supports it, its required extensions are
 * active, and every collection it defines has a handler. Then the attribute maps are merged:
 * defining entries first, extending entries after, so the order of arrival does not matter.
 */
public final class SnapshotBuilder {
    private static final String TENANT_ID = "tenant_id";
    private static final String PROJECT_ID = "project_id";

    private SnapshotBuilder() {
    }

    public static ApiSnapshot build(Collection<ExtensionDescriptor> descriptors, Set<String> supportedAliases,
            Map<String, ResourceHandler> handlers) {
        return build(descriptors, supportedAliases, handlers, Map.of());
    }

    /** @param extenders collection to the extenders that add attributes to its items */
    public static ApiSnapshot build(Collection<ExtensionDescriptor> descriptors, Set<String> supportedAliases,
            Map<String, ResourceHandler> handlers, Map<String, List<ResourceExtender>> extenders) {
        return build(descriptors, supportedAliases, handlers, extenders, Map.of(), Map.of());
    }

    /**
     * A member sub-resource attached to a collection, as registered.
     *
     * @param extension the alias that must be active for its routes, or null
     */
    public record SubResource(String name, String extension, MemberSubResource handler) {
    }

    /**
     * @param idFilters    collection to the filters other bundles serve on it
     * @param subResources collection to the member sub-resources attached to it
     */
    public static ApiSnapshot build(Collection<ExtensionDescriptor> descriptors, Set<String> supportedAliases,
            Map<String, ResourceHandler> handlers, Map<String, List<ResourceExtender>> extenders,
            Map<String, List<IdFilter>> idFilters, Map<String, List<SubResource>> subResources) {
        Map<String, ExtensionDescriptor> byAlias = new TreeMap<>();
        descriptors.forEach(d -> byAlias.put(d.alias(), d));
        Map<String, String> inactive = new TreeMap<>();
        Set<String> active = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ExtensionDescriptor d : byAlias.values()) {
                if (active.contains(d.alias())) {
                    continue;
                }
                String reason = whyInactive(d, active, byAlias.keySet(), supportedAliases, handlers);
                if (reason == null) {
                    active.add(d.alias());
                    inactive.remove(d.alias());
                    changed = true;
                } else {
                    inactive.put(d.alias(), reason);
                }
            }
        }
        List<ExtensionDescriptor> activeList = byAlias.values().stream().filter(d -> active.contains(d.alias()))
                .toList();
        List<Route> routes = mergeRoutes(activeList, handlers, extenders, idFilters, activeSubResources(active,
                subResources));
        List<ExtensionDescriptor> listed = activeList.stream().filter(d -> !d.core())
                .sorted(Comparator.comparing(ExtensionDescriptor::name)).toList();
        return new ApiSnapshot(listed, inactive, routes);
    }

    private static String whyInactive(ExtensionDescriptor d, Set<String> active, Set<String> known,
            Set<String> supported, Map<String, ResourceHandler> handlers) {
        if (!supported.contains(d.alias())) {
            return "no loaded plugin supports it";
        }
        for (String req : d.requires()) {
            if (!active.contains(req)) {
                return known.contains(req) ? "requires extension '" + req + "', which is inactive"
                        : "requires extension '" + req + "', which is not loaded";
            }
        }
        for (ResourceDefinition r : d.resources().values()) {
            if (r.defines() && !handlers.containsKey(r.collection())) {
                return "no handler serves its collection '" + r.collection() + "'";
            }
        }
        return null;
    }

    private static List<Route> mergeRoutes(List<ExtensionDescriptor> active, Map<String, ResourceHandler> handlers,
            Map<String, List<ResourceExtender>> extenders, Map<String, List<IdFilter>> idFilters,
            Map<String, Map<String, MemberSubResource>> subResources) {
        Map<String, ResourceDefinition> defining = new LinkedHashMap<>();
        Map<String, ExtensionDescriptor> owner = new LinkedHashMap<>();
        Map<String, Map<String, AttributeDefinition>> attributes = new LinkedHashMap<>();
        Map<String, Map<String, String>> actions = new LinkedHashMap<>();
        List<ExtensionDescriptor> ordered = dependencyOrder(active);
        for (ExtensionDescriptor d : ordered) {
            for (ResourceDefinition r : d.resources().values()) {
                if (r.defines() && !defining.containsKey(r.collection())) {
                    defining.put(r.collection(), r);
                    owner.put(r.collection(), d);
                    attributes.put(r.collection(), new LinkedHashMap<>(r.attributes()));
                    actions.put(r.collection(), new LinkedHashMap<>(r.actions()));
                }
            }
        }
        // As Neutron's extend_resources: later extensions update what earlier ones declared, so
        // net-mtu-writable's writable mtu replaces net-mtu's read-only one.
        for (ExtensionDescriptor d : ordered) {
            for (ResourceDefinition r : d.resources().values()) {
                Map<String, AttributeDefinition> target = attributes.get(r.collection());
                if (target != null && defining.get(r.collection()) != r) {
                    target.putAll(r.attributes());
                    // e.g. subnetpool-prefix-ops adds add_prefixes to subnetpools
                    actions.get(r.collection()).putAll(r.actions());
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        for (ResourceDefinition r : defining.values()) {
            ExtensionDescriptor d = owner.get(r.collection());
            Map<String, AttributeDefinition> attrs = attributes.get(r.collection());
            mirrorProjectId(attrs);
            routes.add(new Route(r.collection(), r.member(), pathPattern(d, r), r.parentMember(), r.primaryKey(),
                    attrs, actions.get(r.collection()), handlers.get(r.collection()),
                    extenders.getOrDefault(r.collection(), List.of()), d.core(),
                    idFilters.getOrDefault(r.collection(), List.of()), subResources.getOrDefault(r.collection(),
                    Map.of())));
        }
        return routes;
    }

    /** Collection to its sub-resources by name, those whose extension is not active left out. */
    private static Map<String, Map<String, MemberSubResource>> activeSubResources(Set<String> active,
            Map<String, List<SubResource>> subResources) {
        Map<String, Map<String, MemberSubResource>> out = new LinkedHashMap<>();
        subResources.forEach((collection, subs) -> subs.stream()
                .filter(sub -> sub.extension() == null || active.contains(sub.extension()))
                .forEach(sub -> out.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                        .putIfAbsent(sub.name(), sub.handler())));
        return out;
    }

    /**
     * Core resources first (GET /v2.0/ and route matching see them in Neutron's order), then each
     * extension after the ones it requires or optionally follows, else by alias.
     */
    static List<ExtensionDescriptor> dependencyOrder(List<ExtensionDescriptor> active) {
        Map<String, ExtensionDescriptor> byAlias = new TreeMap<>();
        active.forEach(d -> byAlias.put(d.alias(), d));
        List<ExtensionDescriptor> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        active.stream().filter(ExtensionDescriptor::core).forEach(d -> place(d, byAlias, placed, out));
        byAlias.values().forEach(d -> place(d, byAlias, placed, out));
        return out;
    }

    private static void place(ExtensionDescriptor d, Map<String, ExtensionDescriptor> byAlias, Set<String> placed,
            List<ExtensionDescriptor> out) {
        if (!placed.add(d.alias())) {
            return;
        }
        for (String before : concat(d.requires(), d.optional())) {
            ExtensionDescriptor dep = byAlias.get(before);
            if (dep != null) {
                place(dep, byAlias, placed, out);
            }
        }
        out.add(d);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Definitions name only tenant_id; Neutron accepts and returns project_id alongside. */
    private static void mirrorProjectId(Map<String, AttributeDefinition> attrs) {
        AttributeDefinition tenant = attrs.get(TENANT_ID);
        if (tenant != null && !attrs.containsKey(PROJECT_ID)) {
            AttributeDefinition.Builder b = AttributeDefinition.builder(PROJECT_ID).allowPost(tenant.allowPost())
                    .allowPut(tenant.allowPut()).validators(tenant.validators()).visible(tenant.visible())
                    .filter(tenant.filter()).sortKey(tenant.sortKey()).enforcePolicy(tenant.enforcePolicy());
            if (tenant.hasDefault()) {
                b.defaultValue(tenant.defaultValue());
            }
            attrs.put(PROJECT_ID, b.build());
        }
    }

    /**
     * Neutron routes extension collections with dashes (security_groups at /security-groups) and
     * sub-resources as named (bandwidth_limit_rules); matching accepts either spelling.
     */
    private static List<String> pathPattern(ExtensionDescriptor d, ResourceDefinition r) {
        List<String> p = new ArrayList<>();
        for (String s : d.apiPrefix().split("/")) {
            if (!s.isEmpty()) {
                p.add(s);
            }
        }
        if (r.parent() != null) {
            p.add(r.parent().replace('_', '-'));
            p.add(null);
            p.add(r.collection());
        } else {
            p.add(r.collection().replace('_', '-'));
        }
        return p;
    }
}
