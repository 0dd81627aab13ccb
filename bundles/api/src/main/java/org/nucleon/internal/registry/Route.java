package org.nucleon.internal.registry;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A served collection: where it lives, its merged attribute map and the handler serving it.
 *
 * @param pathPattern path segments below {@code /v2.0}, null where a parent id goes
 * @param primaryKey  the attribute that identifies an item, for markers and the implied sort key
 * @param extenders   other plugins' extenders of this collection's items
 * @param core        one of the core resources listed in {@code GET /v2.0/}
 * @param idFilters    other bundles' filters on this collection
 * @param subResources other bundles' member sub-resources by path segment (e.g. {@code tags})
 * @param collectionActions actions on the collection itself ({@code /quotas/project}) to their method
 */
public record Route(String collection, String member, List<String> pathPattern, String parentMember,
        String primaryKey, Map<String, AttributeDefinition> attributes, Map<String, String> actions,
        ResourceHandler handler, List<ResourceExtender> extenders, boolean core, List<IdFilter> idFilters,
        Map<String, MemberSubResource> subResources, Map<String, String> collectionActions) {
    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    public Route {
        extenders = List.copyOf(extenders);
        idFilters = List.copyOf(idFilters);
        subResources = Map.copyOf(subResources);
        collectionActions = Map.copyOf(collectionActions);
    }

    /**
     * The query narrowed by the id filters whose keys it has; those keys are then taken out, so
     * the handler sees only the filters that are its own.
     */
    public ListQuery restricted(RequestContext context, ListQuery query) {
        ListQuery q = query;
        for (IdFilter f : idFilters) {
            if (f.keys().stream().anyMatch(query.filters()::containsKey)) {
                q = f.restrict(context, q).withoutFilters(f.keys());
            }
        }
        return q;
    }

    /** The items as the handler returned them, with every extender's attributes added. */
    public List<Map<String, Object>> extended(RequestContext context, List<Map<String, Object>> items) {
        if (extenders.isEmpty() || items.isEmpty()) {
            return items;
        }
        List<Map<String, Object>> copies = new java.util.ArrayList<>(items.size());
        items.forEach(i -> copies.add(new java.util.LinkedHashMap<>(i)));
        for (ResourceExtender e : extenders) {
            try {
                e.extend(context, copies);
            } catch (NeutronException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                // Its bundle is leaving (the persistence unit closes before the service goes):
                // the work is done and committed, so the answer goes out without its attributes,
                // as it would a moment later, rather than as a 500.
                LOG.warn("extender {} of {} failed; its attributes are left out", e, collection, ex);
            }
        }
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
