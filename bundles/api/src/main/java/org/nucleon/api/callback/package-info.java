/** Neutron's resource callbacks: BEFORE, PRECOMMIT and AFTER events delivered to subscriber services. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.api.callback;
