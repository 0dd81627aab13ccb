package org.nucleon.qos.policy;

import java.util.Set;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.rbac.RbacObjectType;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.qos.binding.Bindings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * QoS policies as the RBAC object type {@code qos_policy}, valid in rbac-policies while this
 * bundle runs. Its users are the projects of the networks and ports the policy is bound to, as
 * Neutron's QosPolicy.get_bound_project_ids: a grant they depend on cannot be revoked.
 */
@Component(service = RbacObjectType.class)
public class QosObjectType implements RbacObjectType {
    private final JpaTemplate jpa;
    /** For the project of a binding stored without one. */
    private final CoreResources core;

    @Activate
    public QosObjectType(@Reference(target = "(osgi.unit.name=nucleon-qos)") JpaTemplate jpa,
            @Reference CoreResources core) {
        this.jpa = jpa;
        this.core = core;
    }

    @Override
    public String objectType() {
        return Policies.OBJECT_TYPE;
    }

    @Override
    public Set<String> actions() {
        return Set.of(RbacPolicies.ACCESS_AS_SHARED);
    }

    @Override
    public String owner(String objectId) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            PolicyEntity p = objectId == null ? null : em.find(PolicyEntity.class, objectId);
            return p == null ? null : p.projectId;
        });
    }

    @Override
    public String notFoundMessage(String objectId) {
        return "QoS policy " + objectId + " could not be found";
    }

    @Override
    public Set<String> users(String objectId, String action) {
        if (!RbacPolicies.ACCESS_AS_SHARED.equals(action)) {
            return Set.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> Bindings.projectsUsing(em, objectId,
                (type, id) -> core.projectOf(type, id, null)));
    }
}
