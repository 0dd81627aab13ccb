package org.nucleon.agents;

import java.util.Map;

/**
 * Casts from the server to agents over the message bus, as Neutron's agent notifiers send them:
 * to one agent on {@code <topic>.<host>}, or to all agents of a topic on its fanout exchange.
 * Best effort: without a broker the casts are dropped (and logged at debug).
 */
public interface AgentNotifier {
    void cast(String topic, String host, String method, Map<String, Object> args);

    void fanout(String topic, String method, Map<String, Object> args);
}
