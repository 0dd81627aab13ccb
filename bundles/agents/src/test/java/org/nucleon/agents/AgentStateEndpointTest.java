package org.nucleon.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.query.ListQuery;

/** report_state as a DHCP agent sends it, through the endpoint and the consumer's error handling. */
public class AgentStateEndpointTest extends AgentsFixture {
    private AgentStateEndpoint endpoint;

    @Before
    public void endpoint() {
        endpoint = new AgentStateEndpoint(agents);
    }

    /** Neutron's DhcpAgentWithStateReport.agent_state, as PluginReportStateAPI sends it. */
    private static Map<String, Object> reportState(boolean startFlag, String time) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("binary", "neutron-dhcp-agent");
        state.put("host", "node-1");
        state.put("availability_zone", "nova");
        state.put("topic", "dhcp_agent");
        state.put("configurations", Map.of("dhcp_driver", "neutron.agent.linux.dhcp.Dnsmasq", "networks", 3,
                "log_agent_heartbeats", false));
        state.put("resource_versions", Map.of("Port", "1.10"));
        state.put("agent_type", "DHCP agent");
        state.put("start_flag", startFlag);
        state.put("uuid", "5d2c3b4a-0000-4000-8000-000000000001");
        Map<String, Object> m = new HashMap<>();
        m.put("method", "report_state");
        m.put("version", "1.2");
        m.put("args", Map.of("agent_state", Map.of("agent_state", state), "time", time));
        return m;
    }

    @Test
    public void reportRegistersThenRefreshesThenRevives() {
        assertEquals("new", endpoint.dispatch(reportState(true, "2026-11-27T10:00:00.900000")));
        Map<String, Object> agent = agents.list(ADMIN, ListQuery.all()).get(0);
        assertEquals("DHCP agent", agent.get("agent_type"));
        assertEquals("nova", agent.get("availability_zone"));
        assertEquals(3, ((Map<?, ?>) agent.get("configurations")).get("networks"));
        assertEquals("alive", endpoint.dispatch(reportState(false, "2026-11-27T10:00:30.1")));
        advance(Duration.ofSeconds(200));
        assertEquals("revived", endpoint.dispatch(reportState(false, "2026-11-27T10:03:20.000001")));
        assertEquals(1, agents.list(ADMIN, ListQuery.all()).size());
        assertEquals(true, agents.list(ADMIN, ListQuery.all()).get(0).get("alive"));
    }

    @Test
    public void reportsOlderThanTheServerAreSkipped() {
        assertNull(endpoint.dispatch(reportState(true, "2026-11-27T09:59:00.000000")));
        assertTrue(agents.list(ADMIN, ListQuery.all()).isEmpty());
    }

    @Test
    public void hasAliveNeutronServerAnswersTrue() {
        assertEquals(true, endpoint.dispatch(Map.of("method", "has_alive_neutron_server", "args", Map.of())));
    }

    private void expectError(String className, Map<String, Object> message) {
        try {
            endpoint.dispatch(message);
            fail("expected " + className);
        } catch (RpcError e) {
            assertEquals(e.getMessage(), className, e.className());
        }
        assertTrue(agents.list(ADMIN, ListQuery.all()).isEmpty());
    }

    @Test
    public void badCallsFailAsOslosDispatcherOrNeutronWould() {
        expectError("NoSuchMethod", Map.of("method", "drop_tables", "args", Map.of()));
        Map<String, Object> v2 = reportState(true, "2026-11-27T10:00:01.0");
        v2.put("version", "2.0");
        expectError("UnsupportedVersion", v2);
        Map<String, Object> newer = reportState(true, "2026-11-27T10:00:01.0");
        newer.put("version", "1.9");
        expectError("UnsupportedVersion", newer);
        Map<String, Object> namespaced = reportState(true, "2026-11-27T10:00:01.0");
        namespaced.put("namespace", "other");
        expectError("UnsupportedVersion", namespaced);
        expectError("ValueError", reportState(true, "yesterday"));
        expectError("KeyError", Map.of("method", "report_state", "args", Map.of("time", "2026-11-27T10:00:01.0")));
        expectError("TypeError", Map.of("method", "report_state", "args", Map.of("agent_state", List.of(),
                "time", "2026-11-27T10:00:01.0")));
        Map<String, Object> noHost = reportState(true, "2026-11-27T10:00:01.0");
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) noHost.get("args"))
                .get("agent_state")).get("agent_state");
        state.remove("host");
        expectError("KeyError", noHost);
    }

    @Test
    public void theConsumerDropsGarbageAndServesTheNextMessage() {
        Broker broker = new Broker(TransportUrl.parse("rabbit://guest:guest@127.0.0.1:1/"), "neutron",
                AgentStateEndpoint.TOPIC, endpoint::dispatch);
        try {
            for (String garbage : List.of("", "\u0000\u0001", "{\"oslo.version\": \"2.0\"", "[]")) {
                broker.serve(garbage.getBytes(StandardCharsets.UTF_8));
            }
            // a failing call without a connection to reply on: logged, not thrown
            broker.serve(OsloMessage.encode(Map.of("method", "nope", "_msg_id", "m", "_reply_q", "reply_x")));
            broker.serve(OsloMessage.encode(reportState(true, "2026-11-27T10:00:01.0")));
            assertEquals(1, agents.list(ADMIN, ListQuery.all()).size());
        } finally {
            broker.close();
        }
    }
}
