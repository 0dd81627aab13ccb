package org.nucleon.api.extension;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes an extension declares for one collection. When the collection is new (it has
 * a primary key) the extension defines the resource; otherwise it adds attributes to another
 * extension's resource, as Neutron's extended attribute maps do.
 *
 * @param collection collection name as in the attribute map, e.g. {@code security_groups}
 * @param member     singular name, the key of a single-item envelope, e.g. {@code security_group}
 * @param parent     for a sub-resource, the parent's collection name, else null
 * @param parentMember for a sub-resource, the parent's member name, else null
 * @param attributes attribute name to definition, in declaration order
 * @param actions    member actions (e.g. {@code add_router_interface}) to their HTTP method
 */
public record ResourceDefinition(String collection, String member, String parent, String parentMember,
        Map<String, AttributeDefinition> attributes, Map<String, String> actions) {

    public ResourceDefinition {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        actions = Map.copyOf(actions);
    }

    /** Whether this entry defines the resource rather than extending one defined elsewhere. */
    public boolean definesResource() {
        return attributes.values().stream().anyMatch(AttributeDefinition::primaryKey);
    }

    /** Neutron's singular form of a collection name: policies to policy, networks to network. */
    public static String memberOf(String collection) {
        if (collection.endsWith("ies")) {
            return collection.substring(0, collection.length() - 3) + "y";
        }
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }
}
