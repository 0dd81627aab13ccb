package org.nucleon.api.extension;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes an extension declares for one collection: either it defines the resource, or
 * it adds attributes to a resource defined elsewhere, as Neutron's extended attribute maps do.
 *
 * @param collection collection name as in the attribute map, e.g. {@code security_groups}
 * @param member     singular name, the key of a single-item envelope, e.g. {@code security_group}
 * @param parent     for a sub-resource, the parent's collection name, else null
 * @param parentMember for a sub-resource, the parent's member name, else null
 * @param attributes attribute name to definition, in declaration order
 * @param actions    member actions (e.g. {@code add_router_interface}) to their HTTP method
 * @param defines    whether this entry defines the collection rather than adding attributes to
 *                   one defined elsewhere
 * @param collectionActions actions on the collection itself (quotas' {@code /quotas/project}) to
 *                   their HTTP method
 */
public record ResourceDefinition(String collection, String member, String parent, String parentMember,
        Map<String, AttributeDefinition> attributes, Map<String, String> actions, boolean defines,
        Map<String, String> collectionActions) {

    public ResourceDefinition {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        actions = Map.copyOf(actions);
        collectionActions = Map.copyOf(collectionActions);
    }

    /** A definition without collection actions, as nearly every resource is. */
    public ResourceDefinition(String collection, String member, String parent, String parentMember,
            Map<String, AttributeDefinition> attributes, Map<String, String> actions, boolean defines) {
        this(collection, member, parent, parentMember, attributes, actions, defines, Map.of());
    }

    /**
     * What identifies the entry among the collections of the API: its collection name, or for a
     * sub-resource {@code parent/collection}, as Neutron's flavors has both {@code service_profiles}
     * and {@code flavors/{id}/service_profiles}.
     */
    public String key() {
        return parent == null ? collection : parent + "/" + collection;
    }

    /** Whether the entry declares the primary key, which only a defining entry does. */
    public boolean hasPrimaryKey() {
        return attributes.values().stream().anyMatch(AttributeDefinition::primaryKey);
    }

    /** The attribute that identifies an item: the primary key, else {@code id}. */
    public String primaryKey() {
        return attributes.values().stream().filter(AttributeDefinition::primaryKey).map(AttributeDefinition::name)
                .findFirst().orElse("id");
    }

    public ResourceDefinition withDefines(boolean value) {
        return new ResourceDefinition(collection, member, parent, parentMember, attributes, actions, value,
                collectionActions);
    }

    /** Neutron's singular form of a collection name: policies to policy, networks to network. */
    public static String memberOf(String collection) {
        if (collection.endsWith("ies")) {
            return collection.substring(0, collection.length() - 3) + "y";
        }
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }
}
