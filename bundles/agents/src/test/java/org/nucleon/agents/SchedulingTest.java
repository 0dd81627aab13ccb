package org.nucleon.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

public class SchedulingTest extends AgentsFixture {

    private List<String> hostedBy(Kind kind, Map<String, Object> agent) {
        return scheduling.hostedBy(kind, id(agent));
    }

    /** The ids of the agents hosting a network or router. */
    private List<String> hosts(Kind kind, String resourceId) {
        return scheduling.hosting(kind, resourceId).stream().map(x -> x.id).toList();
    }

    @Test
    public void aNetworkGoesToTheLeastLoadedAliveDhcpAgent() {
        Map<String, Object> busy = report(Zones.DHCP_AGENT, "node-1", null);
        Map<String, Object> idle = report(Zones.DHCP_AGENT, "node-2", null);
        scheduling.add(Kind.DHCP, id(busy), "net-0");
        notifier.casts.clear();

        List<AgentEntity> chosen = scheduling.schedule(Kind.DHCP, "net-1");
        assertEquals(List.of(id(idle)), chosen.stream().map(a -> a.id).toList());
        assertEquals(List.of("dhcp_agent.node-2 network_create_end {payload={network={id=net-1}, priority=0}}"), notifier.casts);
        // dhcp_agents_per_network is 1: already hosted, nothing more
        assertTrue(scheduling.schedule(Kind.DHCP, "net-1").isEmpty());
    }

    /** "No DHCP agent" is remembered for a second, but a report this server takes ends it at once. */
    @Test
    public void noAgentIsRememberedUntilOneReports() {
        assertFalse(scheduling.anyAgent(Kind.DHCP));
        report(Zones.L3_AGENT, "node-1", null);
        assertFalse("an L3 agent hosts no network", scheduling.anyAgent(Kind.DHCP));
        assertTrue(scheduling.anyAgent(Kind.L3));
        report(Zones.DHCP_AGENT, "node-1", null);
        assertTrue(scheduling.anyAgent(Kind.DHCP));
    }

    @Test
    public void deadOrDisabledAgentsAreNotChosen() {
        Map<String, Object> dead = report(Zones.DHCP_AGENT, "node-1", null);
        advance(Duration.ofSeconds(100));
        Map<String, Object> disabled = report(Zones.DHCP_AGENT, "node-2", null);
        agents.update(ADMIN, id(disabled), Map.of("admin_state_up", false));
        report(Zones.L3_AGENT, "node-3", null);
        assertTrue(scheduling.schedule(Kind.DHCP, "net-1").isEmpty());
        assertTrue(hostedBy(Kind.DHCP, dead).isEmpty());
        assertTrue(notifier.casts.isEmpty());
    }

    @Test
    public void dhcpAgentsPerNetworkComesFromConfiguration() {
        scheduling.configure(Map.of("dhcp_agents_per_network", "2"));
        report(Zones.DHCP_AGENT, "node-1", null);
        report(Zones.DHCP_AGENT, "node-2", null);
        report(Zones.DHCP_AGENT, "node-3", null);
        assertEquals(2, scheduling.schedule(Kind.DHCP, "net-1").size());
        assertEquals(2, scheduling.hosting(Kind.DHCP, "net-1").size());
    }

    @Test
    public void manualAddAndRemoveWithNeutronsErrors() {
        String dhcp = id(report(Zones.DHCP_AGENT, "node-1", null));
        String l3 = id(report(Zones.L3_AGENT, "node-1", null));
        scheduling.add(Kind.DHCP, dhcp, "net-1");
        expect(409, "NetworkHostedByDHCPAgent", "The network net-1 has been already hosted by the DHCP Agent "
                + dhcp + ".", () -> scheduling.add(Kind.DHCP, dhcp, "net-1"));
        expect(404, "InvalidDHCPAgent", "Agent " + l3 + " is not a valid DHCP Agent or has been disabled.",
                () -> scheduling.add(Kind.DHCP, l3, "net-2"));
        expect(404, "AgentNotFound", "Agent nope could not be found.", () -> scheduling.add(Kind.DHCP, "nope", "n"));
        scheduling.remove(Kind.DHCP, dhcp, "net-1");
        expect(409, "NetworkNotHostedByDhcpAgent", "The network net-1 is not hosted by the DHCP Agent " + dhcp + ".",
                () -> scheduling.remove(Kind.DHCP, dhcp, "net-1"));
        assertEquals(List.of("dhcp_agent.node-1 network_create_end {payload={network={id=net-1}, priority=0}}",
                "dhcp_agent.node-1 network_delete_end {payload={network_id=net-1, priority=2}}"), notifier.casts);

        agents.update(ADMIN, dhcp, Map.of("admin_state_up", false));
        expect(404, "InvalidDHCPAgent", null, () -> scheduling.add(Kind.DHCP, dhcp, "net-3"));
    }

    @Test
    public void aLegacyRouterLivesOnOneL3Agent() {
        String a = id(report(Zones.L3_AGENT, "node-1", null));
        String b = id(report(Zones.L3_AGENT, "node-2", null));
        scheduling.add(Kind.L3, a, "r1");
        scheduling.add(Kind.L3, a, "r1"); // already there: nothing to do, as Neutron
        expect(409, "RouterHostedByL3Agent", "The router r1 has been already hosted by the L3 Agent " + a + ".",
                () -> scheduling.add(Kind.L3, b, "r1"));
        expect(409, "RouterNotHostedByL3Agent", "The router r1 is not hosted by L3 agent " + b + ".",
                () -> scheduling.remove(Kind.L3, b, "r1"));
        // least routers: the next router goes to b
        assertEquals(b, scheduling.schedule(Kind.L3, "r2").get(0).id);
        assertEquals(List.of("l3_agent.node-1 router_added_to_agent {payload=[r1]}",
                "l3_agent.node-2 router_added_to_agent {payload=[r2]}"), notifier.casts);
    }

    @Test
    public void routersLeaveDeadL3AgentsWhenFailoverIsAllowed() {
        String old = id(report(Zones.L3_AGENT, "node-1", null));
        scheduling.add(Kind.L3, old, "r1");
        advance(Duration.ofSeconds(151));
        // no alive agent to take it: the router stays, as Neutron's RouterReschedulingFailed
        scheduling.rescheduleRoutersFromDownAgents();
        assertEquals(List.of(old), hosts(Kind.L3, "r1"));
        String fresh = id(report(Zones.L3_AGENT, "node-2", null));
        scheduling.rescheduleRoutersFromDownAgents();
        assertEquals(List.of(fresh), hosts(Kind.L3, "r1"));
        assertEquals(List.of("l3_agent.node-1 router_added_to_agent {payload=[r1]}",
                "l3_agent.node-1 router_removed_from_agent {payload={router_id=r1}}",
                "l3_agent.node-2 router_added_to_agent {payload=[r1]}"), notifier.casts);
    }

    @Test
    public void l3AgentsInADistributedOnlyModeGetNoRouter() {
        agents.report(new AgentReport(Zones.L3_AGENT, "neutron-l3-agent", "l3_agent", "compute-1", null,
                Map.of("agent_mode", "dvr"), null, 0, false));
        assertTrue(scheduling.schedule(Kind.L3, "r1").isEmpty());
        String snat = id(agents.report(new AgentReport(Zones.L3_AGENT, "neutron-l3-agent", "l3_agent", "net-1", null,
                Map.of("agent_mode", "dvr_snat"), null, 0, false)).agent());
        assertEquals(snat, scheduling.schedule(Kind.L3, "r1").get(0).id);
    }

    @Test
    public void networksLeaveDhcpAgentsDeadForTwiceTheDownTime() {
        String old = id(report(Zones.DHCP_AGENT, "node-1", null));
        scheduling.add(Kind.DHCP, old, "net-1");
        notifier.casts.clear();
        advance(Duration.ofSeconds(151));
        // no DHCP agent alive at all: the networks stay where they are
        scheduling.removeNetworksFromDownAgents();
        assertEquals(List.of(old), hosts(Kind.DHCP, "net-1"));
        String fresh = id(report(Zones.DHCP_AGENT, "node-2", null));
        // dead since 151 s, but started 151 s ago with one network: given 150 + 2 s to come up
        scheduling.removeNetworksFromDownAgents();
        assertEquals(List.of(old), hosts(Kind.DHCP, "net-1"));
        advance(Duration.ofSeconds(2));
        report(Zones.DHCP_AGENT, "node-2", null);
        scheduling.removeNetworksFromDownAgents();
        assertEquals(List.of(fresh), hosts(Kind.DHCP, "net-1"));
        // the dead agent is not told, the new one is
        assertEquals(List.of("dhcp_agent.node-2 network_create_end {payload={network={id=net-1}, priority=0}}"),
                notifier.casts);
    }

    @Test
    public void withoutNetworkAutoScheduleNetworksOnlyLeaveDeadDhcpAgents() {
        scheduling.configure(Map.of("network_auto_schedule", "false"));
        String old = id(report(Zones.DHCP_AGENT, "node-1", null));
        scheduling.add(Kind.DHCP, old, "net-1");
        advance(Duration.ofSeconds(200));
        report(Zones.DHCP_AGENT, "node-2", null);
        scheduling.removeNetworksFromDownAgents();
        assertTrue(scheduling.hosting(Kind.DHCP, "net-1").isEmpty());
    }

    @Test
    public void disabledDeadAgentsKeepTheirResources() {
        String old = id(report(Zones.DHCP_AGENT, "node-1", null));
        scheduling.add(Kind.DHCP, old, "net-1");
        agents.update(ADMIN, old, Map.of("admin_state_up", false));
        advance(Duration.ofSeconds(200));
        report(Zones.DHCP_AGENT, "node-2", null);
        scheduling.removeNetworksFromDownAgents();
        assertEquals(List.of(old), hosts(Kind.DHCP, "net-1"));
    }

    @Test
    public void aDeletedAgentsBindingsGoWithIt() {
        String agent = id(report(Zones.DHCP_AGENT, "node-1", null));
        scheduling.add(Kind.DHCP, agent, "net-1");
        agents.delete(ADMIN, agent);
        assertTrue(scheduling.hosting(Kind.DHCP, "net-1").isEmpty());
        assertTrue(scheduling.hostedBy(Kind.DHCP, agent).isEmpty());
    }

    private SchedulerCallbacks callbacks() {
        SchedulerCallbacks c = new SchedulerCallbacks();
        c.scheduling = scheduling;
        return c;
    }

    private static ResourceEvent event(String resource, Event event, String id, Map<String, Object> state) {
        return new ResourceEvent(resource, event, ADMIN, id, state, null, null);
    }

    @Test
    public void dhcpSubnetsScheduleTheirNetworkAndChangesReachItsAgents() {
        report(Zones.DHCP_AGENT, "node-1", null);
        SchedulerCallbacks c = callbacks();
        c.handle(event("network", Event.AFTER_CREATE, "net-1", Map.of("id", "net-1")));
        c.handle(event("subnet", Event.AFTER_CREATE, "s0", Map.of("id", "s0", "network_id", "net-1",
                "enable_dhcp", false)));
        assertTrue(scheduling.hosting(Kind.DHCP, "net-1").isEmpty());
        c.handle(event("subnet", Event.AFTER_CREATE, "s1", Map.of("id", "s1", "network_id", "net-1",
                "enable_dhcp", true)));
        assertEquals(1, scheduling.hosting(Kind.DHCP, "net-1").size());
        c.handle(event("network", Event.AFTER_UPDATE, "net-1", Map.of("id", "net-1", "name", "n")));
        c.handle(event("port", Event.AFTER_DELETE, "p1", Map.of("id", "p1", "network_id", "net-1", "fixed_ips",
                List.of(Map.of("subnet_id", "s1")))));
        assertEquals("a port's deletion leaves its network hosted", 1, scheduling.hosting(Kind.DHCP, "net-1").size());
        c.handle(event("network", Event.PRECOMMIT_DELETE, "net-1", Map.of("id", "net-1")));
        assertTrue("the network's bindings go in its delete's transaction",
                scheduling.hosting(Kind.DHCP, "net-1").isEmpty());
        assertEquals("nothing is told before the commit", 4, notifier.casts.size());
        c.handle(event("network", Event.AFTER_DELETE, "net-1", Map.of("id", "net-1")));
        assertEquals("dhcp_agent.node-1 network_create_end {payload={network={id=net-1}, priority=0}}", notifier.casts.get(0));
        assertTrue(notifier.casts.get(1), notifier.casts.get(1).startsWith("dhcp_agent.node-1 subnet_create_end"));
        assertTrue(notifier.casts.get(2), notifier.casts.get(2).startsWith("dhcp_agent.node-1 network_update_end"));
        assertEquals("dhcp_agent.node-1 port_delete_end {payload={port_id=p1, network_id=net-1,"
                + " fixed_ips=[{subnet_id=s1}], priority=6}}", notifier.casts.get(3));
        assertEquals("dhcp_agent_fanout network_delete_end {payload={network_id=net-1, priority=2}}",
                notifier.casts.get(4));
        assertEquals(5, notifier.casts.size());
        assertTrue(scheduling.hosting(Kind.DHCP, "net-1").isEmpty());
    }

    @Test
    public void routersAreScheduledWithAGatewayOrAnInterfaceAndFannedOutWhenDeleted() {
        report(Zones.L3_AGENT, "node-1", null);
        SchedulerCallbacks c = callbacks();
        c.handle(event("router", Event.AFTER_CREATE, "r0", Map.of("id", "r0", "external_gateway_info",
                Map.of("network_id", "ext-1"))));
        Map<String, Object> noGateway = new LinkedHashMap<>(Map.of("id", "r1"));
        noGateway.put("external_gateway_info", null);
        c.handle(event("router", Event.AFTER_CREATE, "r1", noGateway));
        assertTrue("as Neutron, a router without a gateway waits", scheduling.hosting(Kind.L3, "r1").isEmpty());
        c.handle(event("port", Event.AFTER_CREATE, "p1", Map.of("id", "p1", "device_owner", "network:router_interface",
                "device_id", "r1")));
        c.handle(event("router", Event.AFTER_UPDATE, "r1", Map.of("id", "r1", "name", "x")));
        c.handle(event("router", Event.PRECOMMIT_DELETE, "r1", Map.of("id", "r1")));
        assertTrue("the router's bindings go in its delete's transaction", scheduling.hosting(Kind.L3, "r1").isEmpty());
        assertEquals(1, scheduling.hosting(Kind.L3, "r0").size());
        c.handle(event("router", Event.AFTER_DELETE, "r1", Map.of("id", "r1")));
        assertEquals(List.of("l3_agent.node-1 router_added_to_agent {payload=[r0]}",
                "l3_agent.node-1 routers_updated {routers=[r0]}",
                "l3_agent.node-1 router_added_to_agent {payload=[r1]}",
                "l3_agent.node-1 routers_updated {routers=[r1]}", "l3_agent.node-1 routers_updated {routers=[r1]}",
                "l3_agent_fanout router_deleted {router_id=r1}"), notifier.casts);
        assertTrue(scheduling.hosting(Kind.L3, "r1").isEmpty());
    }

    @Test
    public void aSubnetThatEnablesDhcpLaterSchedulesItsNetwork() {
        report(Zones.DHCP_AGENT, "node-1", null);
        SchedulerCallbacks c = callbacks();
        c.handle(event("subnet", Event.AFTER_UPDATE, "s0", Map.of("id", "s0", "network_id", "net-0",
                "enable_dhcp", false)));
        assertTrue(scheduling.hosting(Kind.DHCP, "net-0").isEmpty());
        c.handle(event("subnet", Event.AFTER_UPDATE, "s0", Map.of("id", "s0", "network_id", "net-0",
                "enable_dhcp", true)));
        assertEquals(1, scheduling.hosting(Kind.DHCP, "net-0").size());
    }

    @Test
    public void aPortSchedulesItsNetworkAndOneAgentHearsOfItFirst() {
        scheduling.configure(Map.of("dhcp_agents_per_network", "2"));
        report(Zones.DHCP_AGENT, "node-1", null);
        report(Zones.DHCP_AGENT, "node-2", null);
        SchedulerCallbacks c = callbacks();
        c.handle(event("port", Event.AFTER_CREATE, "p0", Map.of("id", "p0", "network_id", "net-0",
                "device_id", "reserved_dhcp_port")));
        assertTrue(scheduling.hosting(Kind.DHCP, "net-0").isEmpty());
        notifier.casts.clear();
        Map<String, Object> port = Map.of("id", "p1", "network_id", "net-1", "device_id", "vm-1", "status", "DOWN");
        c.handle(event("port", Event.AFTER_CREATE, "p1", port));
        assertEquals(2, scheduling.hosting(Kind.DHCP, "net-1").size());
        List<String> portCasts = notifier.casts.stream().filter(x -> x.contains("port_create_end")).toList();
        assertEquals(String.valueOf(notifier.casts), 2, portCasts.size());
        assertEquals(1, portCasts.stream().filter(x -> x.endsWith("priority=5}}")).count());
        assertEquals(1, portCasts.stream().filter(x -> x.endsWith("priority=6}}")).count());
        notifier.casts.clear();
        // a status change alone is not worth the agents' time
        c.handle(new ResourceEvent("port", Event.AFTER_UPDATE, ADMIN, "p1", Map.of("id", "p1", "network_id",
                "net-1", "device_id", "vm-1", "status", "ACTIVE"), port, null));
        assertTrue(notifier.casts.isEmpty());
        c.handle(new ResourceEvent("port", Event.AFTER_UPDATE, ADMIN, "p1", Map.of("id", "p1", "network_id",
                "net-1", "device_id", "vm-2", "status", "DOWN"), port, null));
        assertEquals(2, notifier.casts.size());
    }

    @Test
    public void anAgentIsToldWhenItsAdminStateChanges() {
        List<ResourceEvent> published = new java.util.ArrayList<>();
        agents.callbacks = published::add;
        String dhcp = id(report(Zones.DHCP_AGENT, "node-1", null));
        agents.update(ADMIN, dhcp, Map.of("admin_state_up", false));
        agents.update(ADMIN, dhcp, Map.of("description", "still down"));
        SchedulerCallbacks c = callbacks();
        published.stream().filter(e -> e.event() == Event.AFTER_UPDATE).forEach(c::handle);
        assertEquals(List.of("dhcp_agent.node-1 agent_updated {payload={admin_state_up=false}}"), notifier.casts);
    }

    /** The networks handler of another plugin, as the sub-resource sees it. */
    private static final class Networks implements ResourceHandler {
        final Map<String, Map<String, Object>> store = new LinkedHashMap<>();

        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> get(RequestContext context, String id) {
            if (!store.containsKey(id)) {
                throw new NeutronException(404, "NetworkNotFound", "Network " + id + " could not be found.");
            }
            return store.get(id);
        }

        @Override
        public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
            List<Object> ids = query.filters().getOrDefault("id", List.copyOf(store.keySet()));
            return store.values().stream().filter(n -> ids.contains(n.get("id"))).toList();
        }

        @Override
        public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(RequestContext context, String id) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    public void subResourcesListAddAndRemoveThroughTheOwnersHandlers() {
        Networks networks = new Networks();
        networks.store.put("net-1", Map.of("id", "net-1", "name", "one"));
        networks.store.put("net-2", Map.of("id", "net-2", "name", "two"));
        SchedulerHandler.DhcpNetworks hosted = new SchedulerHandler.DhcpNetworks();
        hosted.networks = networks;
        hosted.scheduling = scheduling;
        SchedulerHandler.DhcpAgents hosting = new SchedulerHandler.DhcpAgents();
        hosting.agents = agents;
        hosting.scheduling = scheduling;
        String agent = id(report(Zones.DHCP_AGENT, "node-1", null));
        assertEquals("networks", hosted.itemCollection());
        assertEquals("agents", hosting.itemCollection());

        ResourceHandler onAgent = hosted.under(agent);
        assertTrue(onAgent.list(ADMIN, ListQuery.all()).isEmpty());
        onAgent.create(ADMIN, Map.of("network_id", "net-2"));
        assertEquals(List.of(Map.of("id", "net-2", "name", "two")), onAgent.list(ADMIN, ListQuery.all()));
        assertEquals(List.of(agent), hosting.under("net-2").list(ADMIN, ListQuery.all()).stream()
                .map(AgentsFixture::id).toList());
        assertTrue(hosting.under("net-1").list(ADMIN, ListQuery.all()).isEmpty());

        expect(404, "NetworkNotFound", "Network net-9 could not be found.",
                () -> onAgent.create(ADMIN, Map.of("network_id", "net-9")));
        expect(400, "HTTPBadRequest", "Failed to parse request. Required attribute 'network_id' not specified",
                () -> onAgent.create(ADMIN, Map.of("router_id", "net-1")));
        expect(404, "HTTPNotFound", null, () -> hosting.under("net-2").create(ADMIN, Map.of("network_id", "x")));
        onAgent.delete(ADMIN, "net-2");
        assertTrue(onAgent.list(ADMIN, ListQuery.all()).isEmpty());
    }
}
