package org.nucleon.agents;

import org.nucleon.api.error.NeutronException;

/** What a scheduler places on which agents, with Neutron's errors of its scheduler extension. */
enum Kind {
    DHCP("network", Zones.DHCP_AGENT, "dhcp_agent", "InvalidDHCPAgent",
            "Agent %s is not a valid DHCP Agent or has been disabled.", "NetworkHostedByDHCPAgent",
            "The network %s has been already hosted by the DHCP Agent %s.", "NetworkNotHostedByDhcpAgent",
            "The network %s is not hosted by the DHCP Agent %s."),
    L3("router", Zones.L3_AGENT, "l3_agent", "InvalidL3Agent", "Agent %s is not a L3 Agent or has been disabled",
            "RouterHostedByL3Agent", "The router %s has been already hosted by the L3 Agent %s.",
            "RouterNotHostedByL3Agent", "The router %s is not hosted by L3 agent %s.");

    final String resource;
    final String agentType;
    /** The agents' RPC topic, Neutron's topics.DHCP_AGENT / topics.L3_AGENT. */
    final String topic;
    private final String invalidType;
    private final String invalidMessage;
    private final String hostedType;
    private final String hostedMessage;
    private final String notHostedType;
    private final String notHostedMessage;

    Kind(String resource, String agentType, String topic, String invalidType, String invalidMessage,
            String hostedType, String hostedMessage, String notHostedType, String notHostedMessage) {
        this.resource = resource;
        this.agentType = agentType;
        this.topic = topic;
        this.invalidType = invalidType;
        this.invalidMessage = invalidMessage;
        this.hostedType = hostedType;
        this.hostedMessage = hostedMessage;
        this.notHostedType = notHostedType;
        this.notHostedMessage = notHostedMessage;
    }

    /** The kind an agent type schedules for, or null for other agents. */
    static Kind ofAgentType(Object agentType) {
        for (Kind k : values()) {
            if (k.agentType.equals(agentType)) {
                return k;
            }
        }
        return null;
    }

    /** 404: an agent of another type, or one whose admin state is down. */
    NeutronException invalidAgent(String agentId) {
        return new NeutronException(404, invalidType, String.format(invalidMessage, agentId));
    }

    NeutronException hosted(String resourceId, String agentId) {
        return new NeutronException(409, hostedType, String.format(hostedMessage, resourceId, agentId));
    }

    NeutronException notHosted(String resourceId, String agentId) {
        return new NeutronException(409, notHostedType, String.format(notHostedMessage, resourceId, agentId));
    }
}
