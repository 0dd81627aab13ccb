/**
 * Neutron's auto-allocated-topology ("get me a network"): a project's network, subnets from the
 * default subnet pools and a router to the default external network, made once through the
 * networks, subnets, subnetpools and routers handlers; and {@code is_default} on external networks.
 */
package org.nucleon.autoallocate;
