package org.nucleon.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Schedules and tells agents after the core, router and agents plugins' changes, as Neutron's
 * DhcpAgentNotifyAPI, L3AgentNotifyAPI and agent_updated do.
 * <ul>
 * <li>DHCP: subnet, port and network changes are cast as {@code <resource>_<action>_end} with
 * the DHCP agent queue's priority to the admin_state_up agents hosting the network; a network is
 * scheduled first when a subnet on it is created or updated with DHCP enabled, or it gets a port
 * (not the reserved DHCP port);
 * a network's creation is not cast (its scheduling is), its deletion is a fanout; a port's
 * creation goes to one agent at high priority; a port update that only moves its status is not
 * cast.</li>
 * <li>L3: routers are scheduled and told {@code routers_updated} when created with a gateway,
 * updated, or when an interface is added or removed; a router's deletion is a fanout of
 * {@code router_deleted}.</li>
 * <li>Agents: a DHCP or L3 agent whose admin_state_up changes is cast {@code agent_updated}.</li>
 * </ul>
 */
@Component(service = ResourceCallback.class, property = {ResourceCallback.RESOURCE + "=network",
    ResourceCallback.RESOURCE + "=subnet", ResourceCallback.RESOURCE + "=port", ResourceCallback.RESOURCE + "=router",
    ResourceCallback.RESOURCE + "=agent", ResourceCallback.EVENTS + "=after_create",
    ResourceCallback.EVENTS + "=after_update", ResourceCallback.EVENTS + "=precommit_delete",
    ResourceCallback.EVENTS + "=after_delete"})
public class SchedulerCallbacks implements ResourceCallback {
    /** Neutron's METHOD_PRIORITY_MAP of the DHCP agent's queue: lower first. */
    private static final Map<String, Integer> PRIORITY = Map.of("network_create_end",
            Scheduling.NETWORK_CREATE_PRIORITY, "network_update_end", 1, "network_delete_end",
            Scheduling.NETWORK_DELETE_PRIORITY, "subnet_create_end", 3, "subnet_update_end", 3, "subnet_delete_end", 4,
            "port_create_end", 6, "port_update_end", 6, "port_delete_end", 6);
    /** Neutron's PRIORITY_PORT_CREATE_HIGH: the one agent that should answer a new port first. */
    private static final int PORT_CREATE_HIGH_PRIORITY = 5;
    /** Neutron's DEVICE_ID_RESERVED_DHCP_PORT: a DHCP port kept for an agent, no reason to schedule. */
    private static final String RESERVED_DHCP_PORT = "reserved_dhcp_port";
    private static final Set<String> ROUTER_INTERFACE_OWNERS = Set.of("network:router_interface",
            "network:router_interface_distributed", "network:ha_router_replicated_interface");
    /** What a port's status change alone moves, as Neutron's _only_status_changed. */
    private static final Set<String> STATUS_ONLY = Set.of("status", "updated_at", "revision_number");

    @Reference
    Scheduling scheduling;

    @Override
    public void handle(ResourceEvent event) {
        if (event.event() == Event.PRECOMMIT_DELETE) {
            unbind(event);
            return;
        }
        switch (event.resource()) {
            case "router" -> router(event);
            case "agent" -> agent(event);
            default -> {
                if (event.resource().equals("port")) {
                    routerInterface(event);
                }
                dhcp(event);
            }
        }
    }

    /**
     * A deleted network's or router's agent bindings go inside its delete's transaction, as
     * Neutron's foreign key cascades them: one commit fewer per delete, none left if it rolls back.
     */
    private void unbind(ResourceEvent event) {
        switch (event.resource()) {
            case "network" -> scheduling.unbindAll(Kind.DHCP, event.id());
            case "router" -> scheduling.unbindAll(Kind.L3, event.id());
            default -> {
                // a subnet's or port's deletion leaves its network's bindings
            }
        }
    }

    private static Map<String, Object> state(ResourceEvent event) {
        return event.state() == null ? Map.of() : event.state();
    }

    private void dhcp(ResourceEvent event) {
        String resource = event.resource();
        Map<String, Object> state = state(event);
        String networkId = resource.equals("network") ? event.id()
                : state.get("network_id") instanceof String n ? n : null;
        if (networkId == null) {
            return;
        }
        String method = resource + "_" + switch (event.event()) {
            case AFTER_CREATE -> "create";
            case AFTER_UPDATE -> "update";
            default -> "delete";
        } + "_end";
        if (method.equals("network_create_end") || method.equals("port_update_end")
                && onlyStatusChanged(event.original(), state)) {
            // a network waits for its scheduling (or an admin's choice of agent)
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        if (event.event() == Event.AFTER_DELETE) {
            payload.put(resource + "_id", event.id());
            if (!resource.equals("network")) {
                payload.put("network_id", networkId);
            }
            if (resource.equals("port")) {
                payload.put("fixed_ips", state.get("fixed_ips"));
            }
        } else {
            payload.put(resource, state);
        }
        payload.put("priority", PRIORITY.get(method));
        if (method.equals("network_delete_end")) {
            scheduling.fanout(Kind.DHCP, method, Map.of("payload", payload));
            return;
        }
        if (!scheduling.anyAgent(Kind.DHCP)) {
            return; // nothing to place the network on, nobody to tell
        }
        // Neutron schedules on any new subnet (its TODO says: only DHCP-enabled ones); here only those
        // do, so a subnet that enables DHCP later schedules its network then
        boolean schedule = resource.equals("subnet") && event.event() != Event.AFTER_DELETE
                && Boolean.TRUE.equals(state.get("enable_dhcp"))
                || method.equals("port_create_end") && !RESERVED_DHCP_PORT.equals(state.get("device_id"));
        if (schedule) {
            scheduling.schedule(Kind.DHCP, networkId);
        }
        List<AgentEntity> agents = new ArrayList<>(scheduling.enabledHosts(Kind.DHCP, networkId));
        if (method.equals("port_create_end") && !agents.isEmpty()) {
            AgentEntity first = agents.remove(ThreadLocalRandom.current().nextInt(agents.size()));
            Map<String, Object> high = new LinkedHashMap<>(payload);
            high.put("priority", PORT_CREATE_HIGH_PRIORITY);
            scheduling.cast(Kind.DHCP, first, method, Map.of("payload", high));
        }
        agents.forEach(a -> scheduling.cast(Kind.DHCP, a, method, Map.of("payload", payload)));
    }

    private static boolean onlyStatusChanged(Map<String, Object> original, Map<String, Object> current) {
        if (original == null || !original.keySet().equals(current.keySet())) {
            return false;
        }
        return original.keySet().stream().allMatch(k -> STATUS_ONLY.contains(k)
                || Objects.equals(original.get(k), current.get(k)));
    }

    /** An interface added (a new port, or a port taken over) or removed: its router is updated. */
    private void routerInterface(ResourceEvent event) {
        Map<String, Object> state = state(event);
        if (!(state.get("device_owner") instanceof String owner) || !ROUTER_INTERFACE_OWNERS.contains(owner)
                || !(state.get("device_id") instanceof String router) || router.isEmpty()) {
            return;
        }
        if (event.event() == Event.AFTER_UPDATE && event.original() != null
                && router.equals(event.original().get("device_id"))) {
            return;
        }
        routersUpdated(router);
    }

    private void router(ResourceEvent event) {
        switch (event.event()) {
            case AFTER_DELETE -> scheduling.fanout(Kind.L3, "router_deleted", Map.of("router_id", event.id()));
            case AFTER_CREATE -> {
                if (state(event).get("external_gateway_info") != null) {
                    routersUpdated(event.id());
                }
            }
            default -> routersUpdated(event.id());
        }
    }

    private void routersUpdated(String router) {
        scheduling.schedule(Kind.L3, router);
        scheduling.notifyHosts(Kind.L3, router, "routers_updated", Map.of("routers", List.of(router)));
    }

    private void agent(ResourceEvent event) {
        Map<String, Object> state = state(event);
        Kind kind = Kind.ofAgentType(state.get("agent_type"));
        if (kind == null || event.event() != Event.AFTER_UPDATE || event.original() == null
                || Objects.equals(event.original().get("admin_state_up"), state.get("admin_state_up"))) {
            return;
        }
        scheduling.agentUpdated(kind, (String) state.get("host"), Boolean.TRUE.equals(state.get("admin_state_up")));
    }
}
