package org.nucleon.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Schedules and tells agents after the core and router plugins' changes, as Neutron's
 * DhcpAgentNotifyAPI and L3AgentNotifyAPI: a network is scheduled when a DHCP-enabled subnet
 * appears on it; subnet, port and network changes are cast as {@code <resource>_<action>_end}
 * to the DHCP agents hosting the network (a network's creation is not: its scheduling is); a
 * network's deletion is a fanout. Routers are scheduled when created or updated and announced
 * with {@code routers_updated} to their L3 agents; a router's deletion is a fanout of
 * {@code router_deleted}.
 */
@Component(service = ResourceCallback.class, property = {ResourceCallback.RESOURCE + "=network",
    ResourceCallback.RESOURCE + "=subnet", ResourceCallback.RESOURCE + "=port", ResourceCallback.RESOURCE + "=router",
    ResourceCallback.EVENTS + "=after_create", ResourceCallback.EVENTS + "=after_update",
    ResourceCallback.EVENTS + "=after_delete"})
public class SchedulerCallbacks implements ResourceCallback {
    @Reference
    Scheduling scheduling;

    @Override
    public void handle(ResourceEvent event) {
        if (event.resource().equals("router")) {
            router(event);
            return;
        }
        Map<String, Object> state = event.state() == null ? Map.of() : event.state();
        String action = switch (event.event()) {
            case AFTER_CREATE -> "create";
            case AFTER_UPDATE -> "update";
            default -> "delete";
        };
        String method = event.resource() + "_" + action + "_end";
        if (event.resource().equals("network")) {
            if (event.event() == Event.AFTER_DELETE) {
                scheduling.unbindAll(Kind.DHCP, event.id());
                scheduling.fanout(Kind.DHCP, method, payload("network_id", event.id()));
            } else if (event.event() == Event.AFTER_UPDATE) {
                scheduling.notifyHosts(Kind.DHCP, event.id(), method, payload("network", state));
            }
            return;
        }
        Object networkId = state.get("network_id");
        if (!(networkId instanceof String network)) {
            return;
        }
        if (event.resource().equals("subnet") && event.event() != Event.AFTER_DELETE
                && Boolean.TRUE.equals(state.get("enable_dhcp"))) {
            scheduling.schedule(Kind.DHCP, network);
        }
        Map<String, Object> payload;
        if (event.event() == Event.AFTER_DELETE) {
            payload = new LinkedHashMap<>();
            payload.put(event.resource() + "_id", event.id());
            payload.put("network_id", network);
        } else {
            payload = Map.of(event.resource(), state);
        }
        scheduling.notifyHosts(Kind.DHCP, network, method, Map.of("payload", payload));
    }

    private void router(ResourceEvent event) {
        if (event.event() == Event.AFTER_DELETE) {
            scheduling.unbindAll(Kind.L3, event.id());
            scheduling.fanout(Kind.L3, "router_deleted", Map.of("router_id", event.id()));
            return;
        }
        scheduling.schedule(Kind.L3, event.id());
        scheduling.notifyHosts(Kind.L3, event.id(), "routers_updated", Map.of("routers", List.of(event.id())));
    }

    private static Map<String, Object> payload(String key, Object value) {
        return Map.of("payload", Map.of(key, value));
    }
}
