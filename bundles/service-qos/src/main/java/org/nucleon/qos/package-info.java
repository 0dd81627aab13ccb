/** The QoS service plugin: policies, their rules, rule types, and qos_policy_id on networks and ports. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.nucleon.qos;
