package org.nucleon.router;

import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Port delete as Neutron's L3 plugin sees it, inside the core's transaction: a port a router or
 * floating IP still holds cannot be deleted through the port API (409 ServicePortInUse, Neutron's
 * prevent_l3_port_deletion); floating IPs on a deleted fixed port are disassociated.
 */
@Component(property = {ResourceCallback.RESOURCE + "=port", ResourceCallback.EVENTS + "=precommit_delete"})
public class RouterPortGuard implements ResourceCallback {
    @Reference(target = "(osgi.unit.name=nucleon-router)")
    JpaTemplate jpa;

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> portDeleted(em, event.id(), event.state()));
    }

    static void portDeleted(EntityManager em, String portId, Map<String, Object> port) {
        boolean held = em.find(RouterPortEntity.class, portId) != null
                || !em.createQuery("SELECT r.id FROM RouterEntity r WHERE r.gwPortId = :p", String.class)
                        .setParameter("p", portId).getResultList().isEmpty()
                || FloatingIps.ofFloatingPort(em, portId) != null;
        if (held) {
            throw RouterErrors.servicePortInUse(portId, port == null ? null : port.get(CoreResources.DEVICE_OWNER));
        }
        FloatingIps.ofFixedPort(em, portId).forEach(FloatingIpHandler::disassociate);
    }
}
