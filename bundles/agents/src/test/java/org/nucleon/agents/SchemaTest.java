package org.nucleon.agents;

import static org.junit.Assert.assertEquals;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.Test;

/** The unit's tables survive a restart on the same database (create-or-extend-tables). */
public class SchemaTest {

    private static AgentHandler agents(TestJpa jpa) {
        AgentHandler h = new AgentHandler();
        h.jpa = jpa;
        h.configure(Map.of());
        return h;
    }

    @Test
    public void reopeningTheDatabaseKeepsAgents() {
        String db = "agents-restart-" + UUID.randomUUID();
        AgentReport dhcp = new AgentReport(Zones.DHCP_AGENT, "neutron-dhcp-agent", "dhcp_agent", "node-1", "zone-a",
                Map.of(), null, 0, true);
        String id;
        try (TestJpa first = new TestJpa(db)) {
            id = AgentsFixture.id(agents(first).report(dhcp).agent());
        }
        try (TestJpa second = new TestJpa(db)) {
            AgentHandler agents = agents(second);
            assertEquals("neutron-dhcp-agent", agents.get(null, id).get("binary"));
            assertEquals(id, AgentsFixture.id(agents.report(dhcp).agent()));
        }
    }

    /** The database, not only report(), refuses a second agent of a type on a host. */
    @Test(expected = RuntimeException.class)
    public void agentTypeAndHostAreUnique() {
        try (TestJpa jpa = new TestJpa()) {
            jpa.tx(em -> {
                for (int i = 0; i < 2; i++) {
                    AgentEntity e = new AgentEntity();
                    e.id = UUID.randomUUID().toString();
                    e.agentType = Zones.L3_AGENT;
                    e.binary = "neutron-l3-agent";
                    e.topic = "l3_agent";
                    e.host = "node-1";
                    e.createdAt = e.startedAt = e.heartbeatTimestamp = LocalDateTime.now();
                    em.persist(e);
                }
                em.flush();
            });
        }
    }
}
