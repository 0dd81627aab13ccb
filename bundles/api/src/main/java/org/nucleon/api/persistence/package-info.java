/**
 * Helpers for plugins that persist resources with JPA. 1.5: {@code JpaResourceHandler} pages natively
 * ({@link org.nucleon.api.plugin.ResourceHandler#nativePagination}). 1.7: {@code PageKeys.query} with the
 * query's own parameters.
 */
@org.osgi.annotation.versioning.Version("1.7.0")
package org.nucleon.api.persistence;
