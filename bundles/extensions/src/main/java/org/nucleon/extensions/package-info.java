/** Cross-cutting API extensions: a placeholder bundle until its issue is taken up. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.nucleon.extensions;
