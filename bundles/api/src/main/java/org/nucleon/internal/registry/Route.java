package org.nucleon.internal.registry;

import java.util.List;
import java.util.Map;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.plugin.ResourceHandler;

/**
 * A served collection: where it lives, its merged attribute map and the handler serving it.
 *
 * @param pathPattern path segments below {@code /v2.0}, null where a parent id goes
 * @param primaryKey  the attribute that identifies an item, for markers and the implied sort key
 * @param core        one of the core resources listed in {@code GET /v2.0/}
 */
public record Route(String collection, String member, List<String> pathPattern, String parentMember,
        String primaryKey, Map<String, AttributeDefinition> attributes, Map<String, String> actions,
        ResourceHandler handler, boolean core) {

    /** Path segments below {@code /v2.0} of the collection (the parent id filled in when given). */
    public String path(String parentId) {
        StringBuilder sb = new StringBuilder();
        for (String s : pathPattern) {
            sb.append('/').append(s == null ? parentId : s);
        }
        return sb.toString();
    }
}
