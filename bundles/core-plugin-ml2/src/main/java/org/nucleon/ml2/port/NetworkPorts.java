package org.nucleon.ml2.port;

import java.util.List;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.ipam.Ipam;
import org.nucleon.ml2.securitygroup.SecurityGroups;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Network delete as ML2 does it, inside the network's transaction: refused while user ports
 * remain (409 NetworkInUse naming them), otherwise the ports Neutron owns itself (DHCP, ...) and
 * then the subnets go with the network.
 */
@Component(property = {ResourceCallback.RESOURCE + "=network", ResourceCallback.EVENTS + "=precommit_delete"})
public class NetworkPorts implements ResourceCallback {
    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    SecurityGroups groups;

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> deletePortsAndSubnets(em, event.id()));
    }

    void deletePortsAndSubnets(EntityManager em, String networkId) {
        List<PortEntity> ports = em.createQuery("SELECT p FROM PortEntity p WHERE p.networkId = :n ORDER BY p.id",
                PortEntity.class).setParameter("n", networkId).getResultList();
        List<String> inUse = ports.stream().filter(p -> !Ipam.AUTO_DELETE_PORT_OWNERS.contains(p.deviceOwner))
                .map(p -> p.id).toList();
        if (!inUse.isEmpty()) {
            throw NeutronException.conflict("NetworkInUse", "Unable to complete operation on network " + networkId
                    + ". There are one or more ports still in use on the network, id for these ports is: "
                    + String.join(",", inUse) + ".");
        }
        for (PortEntity p : ports) {
            PortHandler.removeDependents(em, groups, p.id);
            em.remove(p);
        }
        Ipam.deleteSubnetsOfNetwork(em, networkId);
    }
}
