/**
 * Neutron's agents and availability zones: the agent table (fed by the database now, by agent
 * reports later), availability zones derived from it, and networks' availability zone hints.
 * Private to the bundle: other bundles see it through its OSGi services only.
 */
package org.nucleon.agents;
