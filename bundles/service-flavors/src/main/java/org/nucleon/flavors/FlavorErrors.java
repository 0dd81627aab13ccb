package org.nucleon.flavors;

import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;

/** neutron-lib's flavors exceptions, and the admin-only rules of Neutron's flavor policies. */
final class FlavorErrors {
    private FlavorErrors() {
    }

    static NeutronException flavorNotFound(String id) {
        return new NeutronException(404, "FlavorNotFound", "Flavor " + id + " could not be found.");
    }

    static NeutronException profileNotFound(String id) {
        return new NeutronException(404, "ServiceProfileNotFound", "Service Profile " + id + " could not be found.");
    }

    static NeutronException profileInUse(String id) {
        return new NeutronException(409, "ServiceProfileInUse",
                "Service Profile " + id + " is used by some service instance.");
    }

    static NeutronException bindingExists(String profileId, String flavorId) {
        return new NeutronException(409, "FlavorServiceProfileBindingExists",
                "Service Profile " + profileId + " is already associated with flavor " + flavorId + ".");
    }

    static NeutronException bindingNotFound(String profileId, String flavorId) {
        return new NeutronException(404, "FlavorServiceProfileBindingNotFound",
                "Service Profile " + profileId + " is not associated with flavor " + flavorId + ".");
    }

    static NeutronException driverNotFound(String driver) {
        return new NeutronException(404, "ServiceProfileDriverNotFound",
                "Service Profile driver " + driver + " could not be found.");
    }

    static NeutronException profileEmpty() {
        return new NeutronException(400, "ServiceProfileEmpty", "Service Profile needs either a driver or metainfo.");
    }

    static NeutronException profileDisabled() {
        return new NeutronException(503, "ServiceProfileDisabled", "Service Profile is not enabled.");
    }

    static NeutronException invalidServiceType(Object type) {
        return new NeutronException(400, "InvalidServiceType", "Invalid service type: " + type + ".");
    }

    /** The rules Neutron's flavor policies give to admins only (RULE_ADMIN_ONLY). */
    static void adminOnly(RequestContext context, String rule) {
        if (context != null && !context.admin()) {
            throw new NeutronException(403, "PolicyNotAuthorized", "rule:" + rule + " is disallowed by policy");
        }
    }
}
