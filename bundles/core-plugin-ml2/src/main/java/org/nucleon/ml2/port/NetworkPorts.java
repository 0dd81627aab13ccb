package org.nucleon.ml2.port;

import java.util.List;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.ipam.Ipam;
import org.nucleon.ml2.subnet.SubnetHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Network delete as ML2 does it, inside the network's transaction: refused while user ports
 * remain (409 NetworkInUse naming them), otherwise the ports Neutron owns itself (DHCP, ...) and
 * then the subnets go with the network, each through its own handler's delete, so that each
 * publishes its PRECOMMIT_DELETE and AFTER_DELETE (mechanism drivers, tags, QoS bindings ...
 * hear of it). It runs before the network's other PRECOMMIT_DELETE subscribers, as Neutron
 * deletes them before the network's own precommit.
 */
@Component(property = {ResourceCallback.RESOURCE + "=network", ResourceCallback.EVENTS + "=precommit_delete",
    ResourceCallback.PRIORITY + "=" + NetworkPorts.PRIORITY})
public class NetworkPorts implements ResourceCallback {
    /** Before the default priority of the other subscribers. */
    public static final int PRIORITY = 1000;

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    PortHandler ports;

    @Reference
    SubnetHandler subnets;

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> deletePortsAndSubnets(em, event.context(), event.id()));
    }

    private void deletePortsAndSubnets(EntityManager em, RequestContext context, String networkId) {
        List<Object[]> rows = em.createQuery("SELECT p.id, p.deviceOwner FROM PortEntity p WHERE p.networkId = :n "
                + "ORDER BY p.id", Object[].class).setParameter("n", networkId).getResultList();
        List<String> inUse = rows.stream().filter(p -> !Ipam.AUTO_DELETE_PORT_OWNERS.contains(p[1]))
                .map(p -> (String) p[0]).toList();
        if (!inUse.isEmpty()) {
            throw NeutronException.conflict("NetworkInUse", "Unable to complete operation on network " + networkId
                    + ". There are one or more ports still in use on the network, id for these ports is: "
                    + String.join(",", inUse) + ".");
        }
        rows.forEach(p -> ports.deleteWith(em, context, (String) p[0]));
        // the ports' rows must be gone before their subnets' are
        em.flush();
        Ipam.subnetIdsOf(em, List.of(networkId)).getOrDefault(networkId, List.of())
                .forEach(s -> subnets.deleteWith(em, context, s));
    }
}
