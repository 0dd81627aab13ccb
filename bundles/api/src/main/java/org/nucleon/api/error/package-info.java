/** Errors that reach clients as NeutronError bodies. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.api.error;
