package org.nucleon.ml2.rbac;

import static org.nucleon.api.rbac.RbacPolicies.ACCESS_AS_EXTERNAL;
import static org.nucleon.api.rbac.RbacPolicies.ACCESS_AS_SHARED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.rbac.RbacObjectType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The RBAC object types of the core plugin's tables (network, subnetpool, address_scope,
 * security_group), with who uses each as Neutron's get_bound_project_ids and
 * ensure_no_tenant_ports_on_network tell: ports and subnets on a network, subnets from a pool,
 * pools in a scope, ports in a group. A router's gateway on an external network is the router
 * plugin's to tell.
 */
@Component(immediate = true)
public class CoreObjectTypes {
    private final List<ServiceRegistration<RbacObjectType>> registrations = new ArrayList<>();

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Activate
    void activate(BundleContext context) {
        all(jpa).forEach(t -> registrations.add(context.registerService(RbacObjectType.class, t, null)));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    static List<RbacObjectType> all(JpaTemplate jpa) {
        return List.of(
                new EntityObjectType(jpa, "network", "NetworkEntity", "Network %s could not be found", Map.of(
                        ACCESS_AS_SHARED, List.of(
                                "SELECT DISTINCT p.projectId FROM PortEntity p WHERE p.networkId = :id",
                                "SELECT DISTINCT s.projectId FROM SubnetEntity s WHERE s.networkId = :id"),
                        ACCESS_AS_EXTERNAL, List.of())),
                new EntityObjectType(jpa, "subnetpool", "SubnetPoolEntity", "Subnet pool %s could not be found",
                        Map.of(ACCESS_AS_SHARED, List.of(
                                "SELECT DISTINCT s.projectId FROM SubnetEntity s WHERE s.subnetpoolId = :id"))),
                new EntityObjectType(jpa, "address_scope", "AddressScopeEntity",
                        "Address scope %s could not be found", Map.of(ACCESS_AS_SHARED, List.of(
                                "SELECT DISTINCT p.projectId FROM SubnetPoolEntity p WHERE p.addressScopeId = :id"))),
                new EntityObjectType(jpa, "security_group", "SecurityGroupEntity", "Security group %s does not exist",
                        Map.of(ACCESS_AS_SHARED, List.of("SELECT DISTINCT p.projectId FROM PortEntity p, "
                                + "PortSecurityGroupBindingEntity b WHERE b.portId = p.id "
                                + "AND b.securityGroupId = :id"))));
    }
}
