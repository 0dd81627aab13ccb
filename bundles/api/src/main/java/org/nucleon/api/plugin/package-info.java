/**
 * The plugin SPI: plugins, the resource handlers they publish, and what other bundles attach to
 * a collection they do not serve (resource extenders, id filters, member sub-resources). 1.1:
 * {@link org.nucleon.api.plugin.IdFilter}, {@link org.nucleon.api.plugin.MemberSubResource} and
 * {@link org.nucleon.api.plugin.ResourceHandler#touch}, so extensions such as tags add routes, list
 * filters and revision bumps to every plugin's collections without plugins knowing of them.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.nucleon.api.plugin;
