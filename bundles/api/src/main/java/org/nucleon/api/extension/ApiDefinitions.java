package org.nucleon.api.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Reads extension descriptors from Neutron's attribute maps in JSON (the layout of
 * {@code neutron-api-definitions.json}, extracted from neutron-lib). The catalog bundled here
 * holds Neutron's own extensions; a vendor bundle can parse its own file with {@link #parse}.
 */
public final class ApiDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile ApiDefinitions neutron;

    private final Map<String, ExtensionDescriptor> byAlias;

    private ApiDefinitions(Map<String, ExtensionDescriptor> byAlias) {
        this.byAlias = byAlias;
    }

    /** Neutron's own definitions, bundled with this package. */
    public static ApiDefinitions neutron() {
        ApiDefinitions d = neutron;
        if (d == null) {
            try (InputStream in = ApiDefinitions.class.getResourceAsStream("neutron-api-definitions.json")) {
                d = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            neutron = d;
        }
        return d;
    }

    public static ApiDefinitions parse(InputStream in) throws IOException {
        Map<String, ExtensionDescriptor> map = read(in);
        // A file that extends Neutron's collections (a vendor's) is read against Neutron's catalog.
        Set<String> known = keyed(map);
        if (neutron != null) {
            known.addAll(keyed(neutron.byAlias));
        }
        return new ApiDefinitions(settleDefiningEntries(map, known));
    }

    private static Map<String, ExtensionDescriptor> read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        Map<String, ExtensionDescriptor> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("_")) {
                map.put(e.getKey(), descriptor(e.getValue()));
            }
        }
        return map;
    }

    /**
     * Collections some entry declares a primary key for, by key and by name: an entry that names
     * no parent extends a sub-resource of its name (qos-bw-limit-direction's bandwidth_limit_rules).
     */
    private static Set<String> keyed(Map<String, ExtensionDescriptor> map) {
        Set<String> out = new HashSet<>();
        map.values().forEach(d -> d.resources().values().stream().filter(ResourceDefinition::hasPrimaryKey)
                .forEach(r -> {
                    out.add(r.key());
                    out.add(r.collection());
                }));
        return out;
    }

    /**
     * An entry that may define its collection does when it has the primary key, or when no entry
     * keys that collection at all (agents, rule_types, quotas ...); else it extends.
     */
    private static Map<String, ExtensionDescriptor> settleDefiningEntries(Map<String, ExtensionDescriptor> map,
            Set<String> keyed) {
        Map<String, ExtensionDescriptor> out = new LinkedHashMap<>();
        map.forEach((alias, d) -> {
            Map<String, ResourceDefinition> resources = new LinkedHashMap<>();
            d.resources().forEach((c, r) -> resources.put(c,
                    r.withDefines(r.defines() && (r.hasPrimaryKey() || !keyed.contains(r.key())))));
            out.put(alias, new ExtensionDescriptor(d.alias(), d.name(), d.description(), d.updated(), d.core(),
                    d.apiPrefix(), d.requires(), d.optional(), resources));
        });
        return out;
    }

    /** The descriptor of an alias; fails when the catalog has no such alias. */
    public ExtensionDescriptor extension(String alias) {
        ExtensionDescriptor d = byAlias.get(alias);
        if (d == null) {
            throw new IllegalArgumentException("no API definition for alias " + alias);
        }
        return d;
    }

    public java.util.Set<String> aliases() {
        return byAlias.keySet();
    }

    private static ExtensionDescriptor descriptor(JsonNode n) {
        String alias = n.path("alias").asText();
        // Neutron's core resource definitions (network, subnet, port, subnetpool) have no API prefix
        // and name their resource; extensions without a prefix attribute (extraroute-atomic,
        // fip-port-details, the filter shims) are still extensions, listed in /v2.0/extensions.
        boolean core = n.path("api_prefix").isNull() && n.hasNonNull("resource_name");
        Map<String, Map<String, String>> actionMap = new LinkedHashMap<>();
        n.path("action_map").fields().forEachRemaining(m -> actionMap.put(m.getKey(), methods(m.getValue())));
        Map<String, ResourceDefinition> resources = new LinkedHashMap<>();
        n.path("resources").fields().forEachRemaining(r -> {
            String collection = r.getKey();
            String member = core ? n.path("resource_name").asText() : ResourceDefinition.memberOf(collection);
            // quotas name their actions on the resource itself rather than in an action map
            Map<String, String> actions = new LinkedHashMap<>(actionMap.getOrDefault(member, Map.of()));
            actions.putAll(methods(r.getValue().path("member_actions")));
            resources.put(collection, new ResourceDefinition(collection, member, null, null,
                    attributes(r.getValue().path("attributes")), actions, true,
                    methods(r.getValue().path("collection_actions"))));
        });
        n.path("sub_resources").fields().forEachRemaining(r -> {
            JsonNode parent = r.getValue().path("parent");
            ResourceDefinition sub = new ResourceDefinition(r.getKey(), ResourceDefinition.memberOf(r.getKey()),
                    parent.path("collection_name").textValue(), parent.path("member_name").textValue(),
                    attributes(r.getValue().path("attributes")), Map.of(), true);
            resources.put(sub.key(), sub);
        });
        // Standard-attribute extensions add one body to every standard-attr collection; they never
        // define one. Other entries may define theirs: settled once the whole file is read.
        if (n.has("standard_attr_body")) {
            Map<String, AttributeDefinition> body = attributes(n.path("standard_attr_body"));
            n.path("applies_to_collections").forEach(c -> resources.put(c.asText(), new ResourceDefinition(
                    c.asText(), ResourceDefinition.memberOf(c.asText()), null, null, body, Map.of(), false)));
        }
        return new ExtensionDescriptor(alias, n.path("name").asText(), n.path("description").asText(),
                n.path("updated").asText(), core, core ? "" : n.path("api_prefix").asText(""),
                strings(n.path("required_extensions")), strings(n.path("optional_extensions")), resources);
    }

    /** An object of action name to HTTP method. */
    private static Map<String, String> methods(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(a -> out.put(a.getKey(), a.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return out;
    }

    private static Map<String, AttributeDefinition> attributes(JsonNode node) {
        Map<String, AttributeDefinition> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), attribute(e.getKey(), e.getValue())));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static AttributeDefinition attribute(String name, JsonNode a) {
        AttributeDefinition.Builder b = AttributeDefinition.builder(name)
                .allowPost(a.path("allow_post").asBoolean(false))
                .allowPut(a.path("allow_put").asBoolean(false))
                .visible(a.path("is_visible").asBoolean(false))
                .filter(a.path("is_filter").asBoolean(false))
                .sortKey(a.path("is_sort_key").asBoolean(false))
                .primaryKey(a.path("primary_key").asBoolean(false))
                .enforcePolicy(a.path("enforce_policy").asBoolean(false));
        if (a.has("default")) {
            JsonNode d = a.get("default");
            b.defaultValue(d.isObject() && (d.has("$sentinel") || d.has("$unresolved"))
                    ? AttributeDefinition.NOT_SPECIFIED : value(d));
        }
        if (a.hasNonNull("convert_to")) {
            b.convertTo(callableName(a.get("convert_to")));
        }
        if (a.hasNonNull("convert_list_to")) {
            b.convertListTo(callableName(a.get("convert_list_to")));
        }
        List<AttributeDefinition.ValidatorSpec> validators = new ArrayList<>();
        a.path("validate").forEach(v -> validators.add(
                new AttributeDefinition.ValidatorSpec(v.path("validator").asText(), value(v.get("argument")))));
        b.validators(validators);
        if (a.has("other")) {
            b.other((Map<String, Object>) value(a.get("other")));
        }
        return b.build();
    }

    private static String callableName(JsonNode n) {
        return n.isObject() ? n.path("$callable").asText() : n.asText();
    }

    /** Plain Java value of a JSON node, with {"$callable": f} reduced to the name f. */
    private static Object value(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject() && n.has("$callable")) {
            return n.get("$callable").asText();
        }
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(value(e)));
            return out;
        }
        return JSON.convertValue(n, Object.class);
    }
}
