/**
 * The plugin SPI: plugins, the resource handlers they publish, and what other bundles attach to
 * a collection they do not serve (resource extenders, id filters, member sub-resources). 1.1:
 * {@link org.nucleon.api.plugin.IdFilter}, {@link org.nucleon.api.plugin.MemberSubResource} and
 * {@link org.nucleon.api.plugin.ResourceHandler#touch} and
 * {@link org.nucleon.api.plugin.ResourceHandler#itemCollection}, so extensions such as tags add routes, list
 * filters and revision bumps to every plugin's collections without plugins knowing of them,
 * scheduler sub-collections list another collection's members, plugins declare their service
 * providers ({@link org.nucleon.api.plugin.ServiceProvider}) and a handler may give {@code fields}
 * its own meaning ({@link org.nucleon.api.plugin.ResourceHandler#show}); and quotas count a
 * project's items with {@link org.nucleon.api.plugin.ResourceHandler#count}. 1.2:
 * {@link org.nucleon.api.plugin.HandlerTracker}, so a plugin that uses other plugins' handlers
 * tracks them by collection and answers 503 while one is missing, in one place. 1.3:
 * {@link org.nucleon.api.plugin.ResourceHandler#nativePagination}, so a list without a limit is
 * read and written page by page.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.nucleon.api.plugin;
