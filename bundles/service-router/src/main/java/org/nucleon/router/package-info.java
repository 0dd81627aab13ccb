/** The L3 router service plugin: routers, their interfaces, gateways and extra routes, and floating IPs. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.nucleon.router;
