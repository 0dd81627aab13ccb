package org.nucleon.api.rbac;

import java.util.Set;

/**
 * Knows which projects use objects of one RBAC object type through a grant, so that revoking
 * the grant is refused (RbacPolicyInUse) while they do: the owner of the type publishes one as
 * part of its {@link RbacObjectType}, other plugins their own as a service (the router plugin:
 * projects whose routers have their gateway on an external network).
 */
public interface RbacUsers {
    /** Neutron's object type, e.g. {@code network}, {@code qos_policy}. */
    String objectType();

    /**
     * The projects whose resources use the object through {@code action}; runs inside the RBAC
     * transaction. The object's owner may be among them; it never needs a grant.
     */
    Set<String> users(String objectId, String action);
}
