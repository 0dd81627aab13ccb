package org.nucleon.router;

import java.util.HashSet;
import java.util.Set;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.api.rbac.RbacUsers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Neutron's _validate_ext_not_in_use_by_tenant: the projects whose routers have their gateway on
 * an external network use it through access_as_external, so the core plugin refuses to revoke a
 * grant they need (RbacPolicyInUse).
 */
@Component
public class GatewayUsers implements RbacUsers {
    @Reference(target = "(osgi.unit.name=nucleon-router)")
    JpaTemplate jpa;

    @Override
    public String objectType() {
        return "network";
    }

    @Override
    public Set<String> users(String networkId, String action) {
        if (!RbacPolicies.ACCESS_AS_EXTERNAL.equals(action)) {
            return Set.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> new HashSet<>(em.createQuery("SELECT DISTINCT r.projectId "
                + "FROM RouterEntity r WHERE r.gwNetworkId = :n", String.class).setParameter("n", networkId)
                .getResultList()));
    }
}
