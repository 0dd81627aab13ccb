package org.nucleon.router;

import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Neutron's _network_pre_update, inside the core's transaction: a network that router gateways
 * use cannot stop being external (409 ExternalNetworkInUse).
 */
@Component(property = {ResourceCallback.RESOURCE + "=network", ResourceCallback.EVENTS + "=precommit_update"})
public class ExternalNetworkGuard implements ResourceCallback {
    private static final String EXTERNAL = "router:external";

    @Reference(target = "(osgi.unit.name=nucleon-router)")
    JpaTemplate jpa;

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> networkUpdated(em, event.id(), event.original(), event.state()));
    }

    static void networkUpdated(EntityManager em, String networkId, Map<String, Object> before,
            Map<String, Object> after) {
        boolean madeInternal = before != null && Boolean.TRUE.equals(before.get(EXTERNAL))
                && !Boolean.TRUE.equals(after.get(EXTERNAL));
        if (madeInternal && !FloatingIps.routersWithGateway(em, networkId).isEmpty()) {
            throw NeutronException.conflict("ExternalNetworkInUse", "External network " + networkId
                    + " cannot be updated to be made non-external, since it has existing gateway ports.");
        }
    }
}
