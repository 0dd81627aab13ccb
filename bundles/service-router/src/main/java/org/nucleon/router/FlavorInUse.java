package org.nucleon.router;

import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A flavor that routers use cannot be deleted (FlavorInUse, Neutron's foreign key), vetoed inside
 * the flavors plugin's delete. Kept apart from {@link L3Flavors}, which uses the flavors plugin's
 * handlers: that plugin's handler needs the callback registry, which binds this subscriber, so one
 * component doing both made a service cycle that DS broke with an error at every start.
 */
@Component(service = ResourceCallback.class, property = {
        ResourceCallback.RESOURCE + "=flavor", ResourceCallback.EVENTS + "=precommit_delete"})
public class FlavorInUse implements ResourceCallback {
    @Reference(target = "(osgi.unit.name=nucleon-router)")
    JpaTemplate jpa;

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> flavorDeleted(em, event.id()));
    }

    static void flavorDeleted(EntityManager em, String flavorId) {
        if (!em.createQuery("SELECT r.id FROM RouterEntity r WHERE r.flavorId = :f", String.class)
                .setParameter("f", flavorId).setMaxResults(1).getResultList().isEmpty()) {
            throw NeutronException.conflict("FlavorInUse", "Flavor " + flavorId + " is used by some service instance.");
        }
    }
}
