package org.nucleon.ml2.rbac;

import static org.nucleon.api.rbac.RbacPolicies.ACCESS_AS_EXTERNAL;
import static org.nucleon.api.rbac.RbacPolicies.ACCESS_AS_SHARED;

import java.util.List;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.rbac.LegacyFlags;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Before RBAC policies, networks, subnet pools and address scopes kept {@code shared} (and
 * networks {@code router:external}) in columns of their own: migrated on activation ({@link LegacyFlags}).
 */
@Component(immediate = true, service = {})
public class LegacySharing {
    /** A flag column (the entity's field) and the policy it stands for. */
    private record Flag(String entity, String field, String objectType, String action) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("NetworkEntity", "legacyShared", "network", ACCESS_AS_SHARED),
            new Flag("NetworkEntity", "legacyRouterExternal", "network", ACCESS_AS_EXTERNAL),
            new Flag("SubnetPoolEntity", "legacyShared", "subnetpool", ACCESS_AS_SHARED),
            new Flag("AddressScopeEntity", "legacyShared", "address_scope", ACCESS_AS_SHARED));

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    RbacPolicyHandler rbac;

    @Activate
    void activate() {
        migrate(jpa, rbac);
    }

    static void migrate(JpaTemplate jpa, RbacPolicyHandler rbac) {
        jpa.tx(TransactionType.Required, em -> FLAGS.forEach(f -> LegacyFlags.migrate(em, f.entity, f.field,
                (id, owner) -> rbac.grantAll(f.objectType, id, owner, f.action))));
    }
}
