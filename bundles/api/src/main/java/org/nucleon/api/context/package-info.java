/** The request context handed to plugins. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.api.context;
