/**
 * Helpers for plugins that persist resources with JPA. 1.5: {@code JpaResourceHandler} pages natively
 * ({@link org.nucleon.api.plugin.ResourceHandler#nativePagination}).
 */
@org.osgi.annotation.versioning.Version("1.6.0")
package org.nucleon.api.persistence;
