package org.nucleon.agents;

import java.util.Map;

/**
 * One state report of an agent, as Neutron's {@code report_state} RPC carries it; the key of an
 * agent is (agent_type, host).
 *
 * @param resourceVersions the versions of the resources the agent knows, or null to keep the stored ones
 * @param startFlag        whether the agent (re)started since its last report: resets started_at
 */
record AgentReport(String agentType, String binary, String topic, String host, String availabilityZone,
        Map<String, Object> configurations, Map<String, Object> resourceVersions, int load, boolean startFlag) {
}
