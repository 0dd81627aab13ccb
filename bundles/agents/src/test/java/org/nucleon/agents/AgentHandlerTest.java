package org.nucleon.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Test;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

public class AgentHandlerTest extends AgentsFixture {

    @Test
    public void reportedAgentShowsNeutronsFields() {
        Map<String, Object> a = report(Zones.DHCP_AGENT, "node-1", "zone-a");
        Map<String, Object> shown = agents.get(ADMIN, id(a));
        assertEquals("DHCP agent", shown.get("agent_type"));
        assertEquals("neutron-dhcp-agent", shown.get("binary"));
        assertEquals("node-1", shown.get("host"));
        assertEquals("zone-a", shown.get("availability_zone"));
        assertEquals(true, shown.get("admin_state_up"));
        assertEquals(true, shown.get("alive"));
        assertNull(shown.get("description"));
        // Neutron's str() of a naive UTC datetime, seconds only
        assertEquals("2026-11-27 10:00:00", shown.get("heartbeat_timestamp"));
        assertEquals("2026-11-27 10:00:00", shown.get("created_at"));
        assertEquals(Map.of("log_agent_heartbeats", false), shown.get("configurations"));
    }

    @Test
    public void aliveUntilTheHeartbeatIsOlderThanAgentDownTime() {
        String id = id(report(Zones.L3_AGENT, "node-1", "zone-a"));
        advance(Duration.ofSeconds(75));
        assertEquals(true, agents.get(ADMIN, id).get("alive"));
        advance(Duration.ofSeconds(1));
        assertEquals(false, agents.get(ADMIN, id).get("alive"));
        // a new report is a heartbeat: same agent, alive again, started_at kept
        Map<String, Object> again = report(Zones.L3_AGENT, "node-1", "zone-a");
        assertEquals(id, id(again));
        assertEquals(true, again.get("alive"));
        assertEquals("2026-11-27 10:00:00", again.get("started_at"));
        assertEquals("2026-11-27 10:01:16", again.get("heartbeat_timestamp"));
    }

    @Test
    public void agentDownTimeComesFromConfiguration() {
        agents.configure(Map.of("agent_down_time", "10"));
        String id = id(report(Zones.L3_AGENT, "node-1", null));
        advance(Duration.ofSeconds(11));
        assertEquals(false, agents.get(ADMIN, id).get("alive"));
    }

    @Test
    public void listFiltersOnColumnsAndOnAlive() {
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        advance(Duration.ofSeconds(100));
        report(Zones.DHCP_AGENT, "node-2", "zone-a");
        report(Zones.L3_AGENT, "node-2", "zone-b");
        ListQuery byHost = new ListQuery(Map.of("host", List.of("node-2")), List.of(new SortKey("id", true)), 0,
                null, false);
        assertEquals(2, agents.list(ADMIN, byHost).size());
        ListQuery dead = new ListQuery(Map.of("alive", List.of("False")), List.of(new SortKey("id", true)), 0, null,
                false);
        List<Map<String, Object>> down = agents.list(ADMIN, dead);
        assertEquals(1, down.size());
        assertEquals("node-1", down.get(0).get("host"));
        ListQuery bogus = new ListQuery(Map.of("alive", List.of("maybe")), List.of(new SortKey("id", true)), 0, null,
                false);
        expect(400, "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to boolean.",
                () -> agents.list(ADMIN, bogus));
    }

    @Test
    public void updateChangesAdminStateAndDescriptionOnly() {
        String id = id(report(Zones.DHCP_AGENT, "node-1", "zone-a"));
        Map<String, Object> updated = agents.update(ADMIN, id, Map.of("admin_state_up", false, "description", "off"));
        assertEquals(false, updated.get("admin_state_up"));
        assertEquals("off", updated.get("description"));
        assertEquals(false, agents.get(ADMIN, id).get("admin_state_up"));
        // a later report keeps what the operator set
        report(Zones.DHCP_AGENT, "node-1", "zone-a");
        assertEquals("off", agents.get(ADMIN, id).get("description"));
        assertEquals(false, agents.get(ADMIN, id).get("admin_state_up"));
    }

    @Test
    public void deleteRemovesAndUnknownIdIsAgentNotFound() {
        String id = id(report(Zones.DHCP_AGENT, "node-1", "zone-a"));
        agents.delete(ADMIN, id);
        String message = "Agent " + id + " could not be found.";
        expect(404, "AgentNotFound", message, () -> agents.get(ADMIN, id));
        expect(404, "AgentNotFound", message, () -> agents.delete(ADMIN, id));
        expect(404, "AgentNotFound", message, () -> agents.update(ADMIN, id, Map.of("description", "x")));
        assertTrue(agents.list(ADMIN, ListQuery.all()).isEmpty());
    }

    @Test
    public void concurrentFirstReportsMakeOneAgent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Object>>> reports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reports.add(pool.submit(() -> report(Zones.DHCP_AGENT, "node-race", "zone-a")));
            }
            Set<Object> ids = new HashSet<>();
            for (Future<Map<String, Object>> r : reports) {
                ids.add(r.get().get("id"));
            }
            assertEquals(1, ids.size());
            assertEquals(1, agents.list(ADMIN, ListQuery.all()).size());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    public void agentsAreNotCreatedThroughTheApi() {
        expect(404, "HTTPNotFound", null, () -> agents.create(ADMIN, Map.of("host", "h")));
        assertFalse(agents.list(ADMIN, ListQuery.all()).iterator().hasNext());
    }
}
