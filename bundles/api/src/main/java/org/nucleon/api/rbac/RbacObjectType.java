package org.nucleon.api.rbac;

import java.util.Set;

/**
 * An object type RBAC policies may grant access to, published as a service by the plugin owning
 * the objects: the type is valid in {@code /v2.0/rbac-policies} only while the service is there.
 */
public interface RbacObjectType extends RbacUsers {
    /** The actions a policy on this type may grant, e.g. {@link RbacPolicies#ACCESS_AS_SHARED}. */
    Set<String> actions();

    /** The object's project, or null when there is no such object; runs inside the RBAC transaction. */
    String owner(String objectId);

    /** Neutron's message for a missing object without its final period, e.g. {@code Network <id> could not be found}. */
    String notFoundMessage(String objectId);
}
