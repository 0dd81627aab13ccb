package org.nucleon.api.extension;

import java.util.List;
import java.util.Map;

/**
 * An API extension (or one of the core resource sets), published as an OSGi service. The
 * extension manager lists it in {@code /v2.0/extensions} and merges its resources into the
 * attribute map only while its required extensions are active and some plugin supports it.
 *
 * @param alias       the extension alias, e.g. {@code external-net}
 * @param core        true for the core resources (network, subnet, subnetpool, port): they are
 *                    listed in {@code /v2.0/} and not in {@code /v2.0/extensions}
 * @param apiPrefix   path prefix of its new collections, e.g. {@code /qos}; empty for none
 * @param requires    aliases that must be active for this one to be
 * @param optional    aliases merged before this one when present
 * @param resources   collection name to the attributes it defines or adds, parents first
 */
public record ExtensionDescriptor(String alias, String name, String description, String updated, boolean core,
        String apiPrefix, List<String> requires, List<String> optional, Map<String, ResourceDefinition> resources) {

    public ExtensionDescriptor {
        requires = List.copyOf(requires);
        optional = List.copyOf(optional);
        resources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resources));
        apiPrefix = apiPrefix == null ? "" : apiPrefix;
    }
}
