/**
 * Neutron's RBAC policies across plugins: the core plugin keeps the policies; the plugin owning
 * an object type (networks, QoS policies, ...) tells what its objects are and who uses them.
 */
@org.osgi.annotation.versioning.Version("2.2.0")
package org.nucleon.api.rbac;
