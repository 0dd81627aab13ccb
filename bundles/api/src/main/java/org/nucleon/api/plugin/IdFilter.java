package org.nucleon.api.plugin;

import java.util.Set;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.query.ListQuery;

/**
 * List filters that another bundle serves on a collection it does not own (e.g. the tags
 * extension's {@code tags}, {@code not-tags-any}, ...), by turning them into id restrictions the
 * owning plugin's query applies before paging ({@link ListQuery#onlyIds}, {@link ListQuery#excludingIds}).
 * So the plugin pages and sorts as always and never learns about the filter. Published as an
 * OSGi service with the property {@link ResourceHandler#COLLECTION}, once per collection.
 */
public interface IdFilter {
    /**
     * The filter keys it serves; they must also be filterable attributes of the collection (an
     * extension adds them to its attribute map). The controller hides them from the handler.
     */
    Set<String> keys();

    /** The query narrowed by those of its keys the request has (at least one of them). */
    ListQuery restrict(RequestContext context, ListQuery query);
}
