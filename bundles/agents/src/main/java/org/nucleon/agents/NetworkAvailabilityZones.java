package org.nucleon.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The network_availability_zone extension on the core plugin's networks: availability_zone_hints
 * checked and stored on create (each must be a zone of some DHCP agent, else 404
 * AvailabilityZoneNotFound), dropped with the network, and shown with availability_zones, the
 * zones of the DHCP agents hosting the network: none while nothing schedules networks to agents.
 * {@link Routers} does the same for the router plugin's routers and L3 agents
 * (router_availability_zone).
 */
@Component(service = {ResourceCallback.class, ResourceExtender.class}, property = {
        ResourceCallback.RESOURCE + "=network", ResourceCallback.EVENTS + "=precommit_create",
        ResourceCallback.EVENTS + "=precommit_delete", ResourceHandler.COLLECTION + "=networks"})
public class NetworkAvailabilityZones implements ResourceCallback, ResourceExtender {
    /** The zones of routers: hints checked against the L3 agents' zones. */
    @Component(service = {ResourceCallback.class, ResourceExtender.class}, property = {
            ResourceCallback.RESOURCE + "=router", ResourceCallback.EVENTS + "=precommit_create",
            ResourceCallback.EVENTS + "=precommit_delete", ResourceHandler.COLLECTION + "=routers"})
    public static class Routers extends NetworkAvailabilityZones {
        public Routers() {
            super("router");
        }
    }

    /** The agent resource whose zones the hints must name: network (DHCP) or router (L3). */
    private final String zoneResource;

    public NetworkAvailabilityZones() {
        this("network");
    }

    protected NetworkAvailabilityZones(String zoneResource) {
        this.zoneResource = zoneResource;
    }
    static final String HINTS = "availability_zone_hints";
    static final String ZONES = "availability_zones";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    @Reference(target = "(osgi.unit.name=nucleon-agents)")
    JpaTemplate jpa;

    @Override
    public void handle(ResourceEvent event) {
        if (event.event() == Event.PRECOMMIT_CREATE) {
            store(event.id(), event.request() == null ? null : (List<?>) event.request().get(HINTS));
        } else if (event.event() == Event.PRECOMMIT_DELETE) {
            jpa.tx(TransactionType.Required, em -> {
                AzHintsEntity h = em.find(AzHintsEntity.class, event.id());
                if (h != null) {
                    em.remove(h);
                }
            });
        }
    }

    private void store(String resourceId, List<?> hints) {
        if (hints == null || hints.isEmpty()) {
            return;
        }
        List<String> names = hints.stream().map(String::valueOf).toList();
        jpa.tx(TransactionType.Required, em -> {
            String unknown = Zones.firstUnknown(em, zoneResource, names);
            if (unknown != null) {
                throw new NeutronException(404, "AvailabilityZoneNotFound",
                        "AvailabilityZone " + unknown + " could not be found.");
            }
            AzHintsEntity h = new AzHintsEntity();
            h.resourceId = resourceId;
            h.hints = Json.write(names);
            em.persist(h);
        });
    }

    @Override
    public void extend(RequestContext context, List<Map<String, Object>> items) {
        List<String> ids = items.stream().map(i -> i.get("id")).filter(Objects::nonNull).map(String::valueOf)
                .distinct().toList();
        Map<String, List<String>> hints = new HashMap<>();
        // a network has one row of hints at most; a page's range in one read, as the tags and QoS bindings
        jpa.tx(TransactionType.Supports, em -> PageKeys.unchecked(ids, 2 * ids.size()).query(em,
                "select h from AzHintsEntity h where %s order by h.resourceId", "h.resourceId", AzHintsEntity.class,
                h -> h.resourceId).forEach(h -> hints.put(h.resourceId, Json.read(h.hints, NAMES))));
        for (Map<String, Object> item : items) {
            item.put(HINTS, hints.getOrDefault(String.valueOf(item.get("id")), List.of()));
            item.put(ZONES, List.of());
        }
    }
}
