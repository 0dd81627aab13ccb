/**
 * Helpers for plugins that persist resources with JPA. 1.5: {@code JpaResourceHandler} pages natively
 * ({@link org.nucleon.api.plugin.ResourceHandler#nativePagination}). 1.7: {@code PageKeys.query} with the
 * query's own parameters. 1.8: {@code PageKeys.of} for a page of
 * entities, which skips the density check for a page {@code ListQueries.list} knows holds its id range.
 * 1.9: {@code PersistenceUnitCustomizer}, which creates or extends a unit's tables only when their
 * definitions changed. 1.10: {@code JpaResourceHandler.beforeRemove} with the resource's view.
 */
@org.osgi.annotation.versioning.Version("1.10.0")
package org.nucleon.api.persistence;
