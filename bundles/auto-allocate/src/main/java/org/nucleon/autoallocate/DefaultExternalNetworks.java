package org.nucleon.autoallocate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code is_default} on the core plugin's networks, as Neutron's auto_allocate keeps it: stored
 * inside the network's create or update transaction when the request sets it on an external
 * network (only one may be the default: DefaultExternalNetworkExists), dropped when the network
 * stops being external or goes. Shown, as Neutron does, on external networks, and in the answer
 * to every create or update whose body has it: Neutron's callback writes the request's value
 * into the network it answers with, internal or not, and a create body always has it (default
 * false); its show and list read it from the database, which holds external networks only.
 */
@Component(service = {ResourceCallback.class, ResourceExtender.class, DefaultExternalNetworks.class}, property = {
        ResourceCallback.RESOURCE + "=network", ResourceCallback.EVENTS + "=precommit_create",
        ResourceCallback.EVENTS + "=precommit_update", ResourceCallback.EVENTS + "=precommit_delete",
        ResourceHandler.COLLECTION + "=networks"})
public class DefaultExternalNetworks implements ResourceCallback, ResourceExtender {
    static final String IS_DEFAULT = "is_default";
    static final String EXTERNAL = "router:external";

    @Reference(target = "(osgi.unit.name=nucleon-auto-allocate)")
    JpaTemplate jpa;

    @Override
    public void handle(ResourceEvent event) {
        Object wanted = event.request() == null ? null : event.request().get(IS_DEFAULT);
        boolean external = event.state() != null && Boolean.TRUE.equals(event.state().get(EXTERNAL));
        // a new network that is not external cannot be the default: nothing to read or write
        if (external || event.event() != Event.PRECOMMIT_CREATE) {
            jpa.tx(TransactionType.Required, em -> {
                if (event.event() == Event.PRECOMMIT_DELETE || !external) {
                    remove(em, event.id());
                } else if (Boolean.TRUE.equals(wanted)) {
                    makeDefault(em, event.id());
                } else if (Boolean.FALSE.equals(wanted)) {
                    remove(em, event.id());
                }
            });
        }
        if (wanted instanceof Boolean && event.event() != Event.PRECOMMIT_DELETE) {
            // the state is the network the handler answers the create or update with
            event.state().put(IS_DEFAULT, wanted);
        }
    }

    private static void makeDefault(EntityManager em, String networkId) {
        List<String> current = em.createQuery("SELECT d.networkId FROM DefaultExternalNetworkEntity d", String.class)
                .getResultList();
        if (current.contains(networkId)) {
            return;
        }
        if (!current.isEmpty()) {
            throw NeutronException.conflict("DefaultExternalNetworkExists",
                    "A default external network already exists: " + current.get(0) + ".");
        }
        DefaultExternalNetworkEntity d = new DefaultExternalNetworkEntity();
        d.networkId = networkId;
        em.persist(d);
        // a concurrent default loses here, on the unique column, and its retry sees this one
        em.flush();
    }

    private static void remove(EntityManager em, String networkId) {
        DefaultExternalNetworkEntity d = em.find(DefaultExternalNetworkEntity.class, networkId);
        if (d != null) {
            em.remove(d);
        }
    }

    /** The default external network's id, or null. */
    String current() {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT d.networkId FROM DefaultExternalNetworkEntity d", String.class).getResultList())
                .stream().findFirst().orElse(null);
    }

    @Override
    public void extend(RequestContext context, List<Map<String, Object>> items) {
        // only external networks show is_default: most views need no query at all
        if (items.stream().noneMatch(item -> Boolean.TRUE.equals(item.get(EXTERNAL)))) {
            return;
        }
        String d = current();
        for (Map<String, Object> item : items) {
            if (Boolean.TRUE.equals(item.get(EXTERNAL))) {
                item.put(IS_DEFAULT, String.valueOf(item.get("id")).equals(d));
            }
        }
    }
}
