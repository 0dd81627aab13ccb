/** Helpers for plugins that persist resources with JPA. */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.nucleon.api.persistence;
