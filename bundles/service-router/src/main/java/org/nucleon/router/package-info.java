/**
 * The L3 router service plugin: routers, their interfaces, gateways and extra routes, and
 * floating IPs. Private to the bundle: other bundles see it through its OSGi services only.
 */
package org.nucleon.router;
