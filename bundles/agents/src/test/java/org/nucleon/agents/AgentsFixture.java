package org.nucleon.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;

/** The agents bundle's components on a fresh database, with a clock the tests move. */
public abstract class AgentsFixture {
    static final RequestContext ADMIN = new RequestContext("p1", "u1", List.of("admin"), true, "req-1");
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00.750Z");

    TestJpa jpa;
    AgentHandler agents;
    AvailabilityZoneHandler zones;
    NetworkAvailabilityZones networkZones;
    RecordingNotifier notifier;
    Scheduling scheduling;

    @Before
    public void setUp() {
        jpa = new TestJpa();
        agents = new AgentHandler();
        agents.jpa = jpa;
        agents.clock = Clock.fixed(T0, ZoneOffset.UTC);
        agents.configure(Map.of());
        zones = new AvailabilityZoneHandler();
        zones.jpa = jpa;
        networkZones = new NetworkAvailabilityZones();
        networkZones.jpa = jpa;
        notifier = new RecordingNotifier();
        scheduling = new Scheduling();
        scheduling.jpa = jpa;
        scheduling.agents = agents;
        scheduling.notifier = notifier;
        scheduling.configure(Map.of());
    }

    /** The casts the server sent, as "topic.host method args" or "topic_fanout method args". */
    static final class RecordingNotifier implements AgentNotifier {
        final List<String> casts = new java.util.ArrayList<>();

        @Override
        public void cast(String topic, String host, String method, Map<String, Object> args) {
            casts.add(topic + "." + host + " " + method + " " + args);
        }

        @Override
        public void fanout(String topic, String method, Map<String, Object> args) {
            casts.add(topic + "_fanout " + method + " " + args);
        }
    }

    @After
    public void tearDown() {
        scheduling.stopStatusCheck();
        jpa.close();
    }

    void advance(Duration d) {
        agents.clock = Clock.offset(agents.clock, d);
    }

    Map<String, Object> report(String type, String host, String zone) {
        return agents.report(new AgentReport(type, binaryOf(type), topicOf(type), host, zone,
                Map.of("log_agent_heartbeats", false), null, 0, false)).agent();
    }

    private static String topicOf(String type) {
        return Zones.DHCP_AGENT.equals(type) ? "dhcp_agent" : "l3_agent";
    }

    private static String binaryOf(String type) {
        return Zones.DHCP_AGENT.equals(type) ? "neutron-dhcp-agent" : "neutron-l3-agent";
    }

    static String id(Map<String, Object> resource) {
        return (String) resource.get("id");
    }

    static NeutronException expect(int status, String type, String message, Runnable call) {
        try {
            call.run();
        } catch (NeutronException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(type, e.type());
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            return e;
        }
        fail("expected " + status + " " + type);
        return null;
    }
}
