package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Agents over the machine's real RabbitMQ: a Neutron agent's side played by Debian's
 * oslo.messaging (src/test/resources/agents/report_state.py) against the distribution run as
 * bin/karaf with a transport_url: registration, heartbeats, expiry, scheduling of networks and
 * routers with the casts an agent listens for, agent_updated, DHCP failover off a dead agent,
 * malformed messages, and a broker that goes away (a closed port) and back.
 */
public class AgentsRpcIT {
    static final String BROKER = "rabbit://guest:guest@127.0.0.1:5672/";
    private static final String CLIENT = "src/test/resources/agents/report_state.py";
    /** Short, so an agent is seen to expire; above the seconds one client run takes (oslo exits slowly). */
    private static final int AGENT_DOWN_TIME = 20;
    private static KarafProcess karaf;
    private static Http api;

    private static String agentsConfig(String url) {
        return "agent_down_time = " + AGENT_DOWN_TIME + "\ntransport_url = " + url + "\ncontrol_exchange = neutron\n";
    }

    @BeforeClass
    public static void start() throws Exception {
        karaf = new KarafProcess("dist-agents-rpc");
        karaf.config("org.nucleon.agents", agentsConfig(BROKER));
        karaf.start();
        api = karaf.api();
        awaitServer();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** Until the server answers has_alive_neutron_server: it consumes its report topic then. */
    static void awaitServer() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            Run r = python("ping");
            if (r.exit == 0 && r.out.strip().equals("true")) {
                return;
            }
        }
        throw new AssertionError("Nucleon never answered has_alive_neutron_server on " + BROKER);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", CLIENT, BROKER));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue("report_state.py timed out", p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** report_state as the agent sends it; the server's answer (new, alive, revived). */
    static String report(String host, String kind, boolean start) throws Exception {
        Run r = start ? python("report", host, kind, "--start") : python("report", host, kind);
        assertEquals(r.err, 0, r.exit);
        return Http.JSON.readValue(r.out, String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String path, String key) throws Exception {
        Http.Answer a = api.get(path);
        assertEquals(a.text(), 200, a.status());
        return (List<Map<String, Object>>) a.map().get(key);
    }

    private static Map<String, Object> agentOn(String host) throws Exception {
        List<Map<String, Object>> agents = list("/v2.0/agents?host=" + host, "agents");
        assertEquals(String.valueOf(agents), 1, agents.size());
        return agents.get(0);
    }

    @Test
    public void reportsRegisterRefreshAndExpire() throws Exception {
        String host = "it-dhcp-" + UUID.randomUUID();
        assertEquals("new", report(host, "dhcp", true));
        Map<String, Object> agent = agentOn(host);
        assertEquals("DHCP agent", agent.get("agent_type"));
        assertEquals("neutron-dhcp-agent", agent.get("binary"));
        assertEquals("dhcp_agent", agent.get("topic"));
        assertEquals("nova", agent.get("availability_zone"));
        assertEquals(true, agent.get("alive"));
        assertEquals("neutron.agent.linux.dhcp.Dnsmasq", ((Map<?, ?>) agent.get("configurations")).get("dhcp_driver"));

        assertEquals("alive", report(host, "dhcp", false));
        assertEquals(agent.get("id"), agentOn(host).get("id"));
        assertTrue("the agent never expired", Http.await(120_000, () -> {
            try {
                return Boolean.FALSE.equals(agentOn(host).get("alive"));
            } catch (Exception e) {
                throw new IOException(e);
            }
        }));
        assertEquals("revived", report(host, "dhcp", false));
        assertEquals(true, agentOn(host).get("alive"));
    }

    @Test
    public void aScheduledNetworkAndItsChangesReachTheListeningAgent() throws Exception {
        String host = "it-dhcp-" + UUID.randomUUID();
        try (Listener listener = new Listener(host, "dhcp")) {
            List<String> heard = listener.heard;
            assertEquals("new", report(host, "dhcp", true));
            String agentId = onlyEnabled("DHCP agent", host);

            Http.Answer net = api.post("/v2.0/networks", "{\"network\": {\"name\": \"it-dhcp-net\"}}");
            assertEquals(net.text(), 201, net.status());
            String netId = (String) ((Map<?, ?>) net.map().get("network")).get("id");
            // the agent reports right before the DHCP subnet, so it is alive when the network is scheduled
            report(host, "dhcp", false);
            Http.Answer subnet = api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + netId
                    + "\", \"cidr\": \"10.91.0.0/24\", \"ip_version\": 4}}");
            assertEquals(subnet.text(), 201, subnet.status());

            assertEquals(List.of(agentId), list("/v2.0/networks/" + netId + "/dhcp-agents", "agents").stream()
                    .map(a -> a.get("id")).toList());
            assertTrue(list("/v2.0/agents/" + agentId + "/dhcp-networks", "networks").stream()
                    .anyMatch(n -> netId.equals(n.get("id"))));
            assertEquals(200, api.put("/v2.0/networks/" + netId, "{\"network\": {\"name\": \"renamed\"}}").status());

            assertTrue("heard " + heard, Http.await(30_000, () -> heard.stream().anyMatch(
                    l -> l.contains("network_create_end") && l.contains(netId))));
            assertTrue("heard " + heard, Http.await(30_000, () -> heard.stream().anyMatch(
                    l -> l.contains("network_update_end") && l.contains("renamed"))));
            assertTrue("heard " + heard, Http.await(30_000, () -> heard.stream().anyMatch(
                    l -> l.contains("subnet_create_end") && l.contains("10.91.0.0/24"))));

            // the network leaves the agent by the API, and the agent is told
            assertEquals(204, api.delete("/v2.0/agents/" + agentId + "/dhcp-networks/" + netId).status());
            assertTrue(list("/v2.0/networks/" + netId + "/dhcp-agents", "agents").isEmpty());
            assertTrue("heard " + heard, Http.await(30_000, () -> heard.stream().anyMatch(
                    l -> l.contains("network_delete_end") && l.contains(netId))));
            Http.Answer again = api.delete("/v2.0/agents/" + agentId + "/dhcp-networks/" + netId);
            assertEquals(409, again.status());
            assertEquals("NetworkNotHostedByDhcpAgent", again.errorType());
        }
    }

    /** An agent's RPC server on its topic, recording the casts it hears, one JSON line each. */
    private static final class Listener implements AutoCloseable {
        final List<String> heard = new CopyOnWriteArrayList<>();
        private final Process process;

        Listener(String host, String kind) throws Exception {
            process = new ProcessBuilder("/usr/bin/python3", CLIENT, BROKER, "listen", host, kind, "150")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        heard.add(line);
                    }
                } catch (IOException ended) {
                    // the listener was stopped
                }
            });
            reader.start();
            assertTrue("the agent's RPC server did not start", Http.await(60_000, () -> heard.contains("listening")));
        }

        void awaitCast(String method, String text) throws Exception {
            assertTrue("heard " + heard, Http.await(30_000, () -> heard.stream().anyMatch(
                    l -> l.contains("\"" + method + "\"") && l.contains(text))));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Other tests' agents of the type are disabled, so the scheduler has one choice: this host's. */
    private static String onlyEnabled(String agentType, String host) throws Exception {
        String id = null;
        for (Map<String, Object> a : list("/v2.0/agents?agent_type=" + agentType.replace(" ", "%20"), "agents")) {
            if (a.get("host").equals(host)) {
                id = (String) a.get("id");
            } else if (Boolean.TRUE.equals(a.get("admin_state_up"))) {
                assertEquals(200, api.put("/v2.0/agents/" + a.get("id"),
                        "{\"agent\": {\"admin_state_up\": false}}").status());
            }
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private static String create(String collection, String member, String body) throws Exception {
        Http.Answer a = api.post("/v2.0/" + collection, "{\"" + member + "\": " + body + "}");
        assertEquals(a.text(), 201, a.status());
        return (String) ((Map<String, Object>) a.map().get(member)).get("id");
    }

    @Test
    public void aRouterWithAnInterfaceReachesTheListeningL3AgentWhichHearsOfItsAdminState() throws Exception {
        String host = "it-l3-" + UUID.randomUUID();
        try (Listener agent = new Listener(host, "l3")) {
            assertEquals("new", report(host, "l3", true));
            String agentId = onlyEnabled("L3 agent", host);
            String net = create("networks", "network", "{\"name\": \"it-l3-net\"}");
            String subnet = create("subnets", "subnet", "{\"network_id\": \"" + net
                    + "\", \"cidr\": \"10.92.0.0/24\", \"ip_version\": 4, \"enable_dhcp\": false}");
            String router = create("routers", "router", "{\"name\": \"it-l3-router\"}");
            // as Neutron: no gateway, no interface, no agent yet
            assertTrue(list("/v2.0/routers/" + router + "/l3-agents", "agents").isEmpty());

            report(host, "l3", false);
            Http.Answer added = api.put("/v2.0/routers/" + router + "/add_router_interface",
                    "{\"subnet_id\": \"" + subnet + "\"}");
            assertEquals(added.text(), 200, added.status());
            assertEquals(List.of(agentId), list("/v2.0/routers/" + router + "/l3-agents", "agents").stream()
                    .map(a -> a.get("id")).toList());
            assertEquals(List.of(router), list("/v2.0/agents/" + agentId + "/l3-routers", "routers").stream()
                    .map(r -> r.get("id")).toList());
            agent.awaitCast("router_added_to_agent", router);
            agent.awaitCast("routers_updated", router);

            assertEquals(200, api.put("/v2.0/agents/" + agentId, "{\"agent\": {\"admin_state_up\": false}}")
                    .status());
            agent.awaitCast("agent_updated", "\"admin_state_up\": false");

            assertEquals(204, api.delete("/v2.0/agents/" + agentId + "/l3-routers/" + router).status());
            agent.awaitCast("router_removed_from_agent", router);
        }
    }

    /**
     * A DHCP agent that stops reporting loses its network, after twice agent_down_time, to one
     * that reports, which is told.
     */
    @Test
    public void aNetworkLeavesADeadDhcpAgentForAnAliveOne() throws Exception {
        String dying = "it-dhcp-dying-" + UUID.randomUUID();
        String alive = "it-dhcp-alive-" + UUID.randomUUID();
        assertEquals("new", report(dying, "dhcp", true));
        String dyingId = onlyEnabled("DHCP agent", dying);
        String net = create("networks", "network", "{\"name\": \"it-failover-net\"}");
        create("subnets", "subnet", "{\"network_id\": \"" + net + "\", \"cidr\": \"10.93.0.0/24\","
                + " \"ip_version\": 4}");
        assertEquals(List.of(dyingId), list("/v2.0/networks/" + net + "/dhcp-agents", "agents").stream()
                .map(a -> a.get("id")).toList());

        try (Listener agent = new Listener(alive, "dhcp")) {
            assertEquals("new", report(alive, "dhcp", true));
            String aliveId = (String) agentOn(alive).get("id");
            // the alive agent keeps reporting, as its heartbeat would, until the network is its
            assertTrue("the network never left the dead agent", Http.await(180_000, () -> {
                try {
                    report(alive, "dhcp", false);
                    return list("/v2.0/networks/" + net + "/dhcp-agents", "agents").stream().map(a -> a.get("id"))
                            .toList().equals(List.of(aliveId));
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }));
            agent.awaitCast("network_create_end", net);
        }
    }

    @Test
    public void malformedMessagesAndABrokerOutageLeaveTheServerServing() throws Exception {
        Run garbage = python("garbage");
        assertEquals(garbage.err, 0, garbage.exit);
        String host = "it-l3-" + UUID.randomUUID();
        assertEquals("new", report(host, "l3", true));

        // the broker "goes away": the configuration points at a closed port
        karaf.config("org.nucleon.agents", agentsConfig("rabbit://guest:guest@127.0.0.1:1/"));
        assertTrue("the server kept answering has_alive_neutron_server", Http.await(60_000, () -> {
            Run r = python("ping");
            return r.exit != 0;
        }));
        assertEquals(200, api.get("/v2.0/agents").status());
        assertEquals(1, list("/v2.0/agents?host=" + host, "agents").size());

        // ... and comes back: reports flow again
        karaf.config("org.nucleon.agents", agentsConfig(BROKER));
        awaitServer();
        String status = report(host, "l3", false);
        assertTrue(status, status.equals("alive") || status.equals("revived"));
    }
}
