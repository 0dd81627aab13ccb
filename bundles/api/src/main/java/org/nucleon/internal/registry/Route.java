package org.nucleon.internal.registry;

import java.util.List;
import java.util.Map;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;

/**
 * A served collection: where it lives, its merged attribute map and the handler serving it.
 *
 * @param pathPattern path segments below {@code /v2.0}, null where a parent id goes
 * @param primaryKey  the attribute that identifies an item, for markers and the implied sort key
 * @param extenders   other plugins' extenders of this collection's items
 * @param core        one of the core resources listed in {@code GET /v2.0/}
 * @param collectionActions actions on the collection itself ({@code /quotas/project}) to their method
 */
public record Route(String collection, String member, List<String> pathPattern, String parentMember,
        String primaryKey, Map<String, AttributeDefinition> attributes, Map<String, String> actions,
        ResourceHandler handler, List<ResourceExtender> extenders, boolean core,
        Map<String, String> collectionActions) {

    public Route {
        extenders = List.copyOf(extenders);
        collectionActions = Map.copyOf(collectionActions);
    }

    /** The items as the handler returned them, with every extender's attributes added. */
    public List<Map<String, Object>> extended(RequestContext context, List<Map<String, Object>> items) {
        if (extenders.isEmpty() || items.isEmpty()) {
            return items;
        }
        List<Map<String, Object>> copies = new java.util.ArrayList<>(items.size());
        items.forEach(i -> copies.add(new java.util.LinkedHashMap<>(i)));
        extenders.forEach(e -> e.extend(context, copies));
        return copies;
    }

    /** Path segments below {@code /v2.0} of the collection (the parent id filled in when given). */
    public String path(String parentId) {
        StringBuilder sb = new StringBuilder();
        for (String s : pathPattern) {
            sb.append('/').append(s == null ? parentId : s);
        }
        return sb.toString();
    }
}
