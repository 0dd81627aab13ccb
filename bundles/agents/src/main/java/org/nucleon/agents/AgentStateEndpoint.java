package org.nucleon.agents;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of Neutron's agent state RPC (AgentExtRpcCallback on topic q-reports-plugin):
 * {@code report_state(agent_state={"agent_state": {...}}, time="%Y-%m-%dT%H:%M:%S.%f")} registers or
 * refreshes the agent and answers new, alive or revived; {@code has_alive_neutron_server} answers
 * true. Dispatch follows oslo's RPCDispatcher: no namespace, versions 1.x up to 1.3.
 */
final class AgentStateEndpoint {
    static final String TOPIC = "q-reports-plugin";
    private static final Logger LOG = LoggerFactory.getLogger(AgentStateEndpoint.class);
    private static final String DISPATCHER = "oslo_messaging.rpc.dispatcher";
    private static final int MINOR_VERSION = 3;
    /** Neutron's ISO8601_TIME_FORMAT, as Python's %f reads it: one to six fraction digits. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true)
            .toFormatter();

    private final AgentHandler agents;
    private final LocalDateTime started;

    AgentStateEndpoint(AgentHandler agents) {
        this.agents = agents;
        this.started = LocalDateTime.now(agents.clock);
    }

    /** The result of a message's method, or an {@link RpcError} for the caller. */
    Object dispatch(Map<String, Object> message) {
        Object method = message.get("method");
        Object namespace = message.get("namespace");
        String version = String.valueOf(message.getOrDefault("version", "1.0"));
        if (!"report_state".equals(method) && !"has_alive_neutron_server".equals(method)) {
            throw new RpcError(DISPATCHER, "NoSuchMethod", "Endpoint does not support RPC method " + method,
                    List.of(String.valueOf(method)));
        }
        if (namespace != null || !compatible(version)) {
            throw new RpcError(DISPATCHER, "UnsupportedVersion", "Endpoint does not support RPC version "
                    + version + ". Attempted method: " + method, List.of(version));
        }
        if (method.equals("has_alive_neutron_server")) {
            return true;
        }
        return reportState(map(message.get("args"), "args"));
    }

    private static boolean compatible(String version) {
        String[] parts = version.split("\\.");
        try {
            return parts.length >= 2 && parts[0].equals("1") && Integer.parseInt(parts[1]) <= MINOR_VERSION;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Object reportState(Map<String, Object> args) {
        Map<String, Object> state = map(map(args.get("agent_state"), "agent_state").get("agent_state"), "agent_state");
        LocalDateTime time = time(args.get("time"));
        if (time.isBefore(started)) {
            // as Neutron: a report older than this server, queued while it was away, is stale
            LOG.debug("stale report of {} on {} from {} skipped", state.get("agent_type"), state.get("host"), time);
            return null;
        }
        Map<String, Object> configurations = optionalMap(state.get("configurations"), "configurations");
        AgentReport report = new AgentReport(text(state, "agent_type"), text(state, "binary"), text(state, "topic"),
                text(state, "host"), state.get("availability_zone") == null ? null
                        : String.valueOf(state.get("availability_zone")),
                configurations, optionalMap(state.get("resource_versions"), "resource_versions"),
                load(text(state, "agent_type"), configurations), Boolean.TRUE.equals(state.get("start_flag")));
        AgentHandler.Reported r = agents.report(report);
        LOG.debug("report_state {} of {} on {}: {}", state.get("uuid"), report.agentType(), report.host(), r.status());
        return r.status();
    }

    /** Neutron's _get_agent_load: a DHCP agent's load is its networks count. */
    private static int load(String agentType, Map<String, Object> configurations) {
        if (!Zones.DHCP_AGENT.equals(agentType) || configurations == null
                || !(configurations.get("networks") instanceof Number n)) {
            return 0;
        }
        return n.intValue();
    }

    private static LocalDateTime time(Object value) {
        if (value == null) {
            throw RpcError.keyError("time");
        }
        try {
            return LocalDateTime.parse(String.valueOf(value), TIME);
        } catch (DateTimeParseException e) {
            throw RpcError.valueError("time data '" + value + "' does not match format '%Y-%m-%dT%H:%M:%S.%f'");
        }
    }

    private static String text(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (v == null) {
            throw RpcError.keyError(key);
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String key) {
        if (value == null) {
            throw RpcError.keyError(key);
        }
        if (!(value instanceof Map)) {
            throw new RpcError("builtins", "TypeError", key + " is not a dict", List.of(key + " is not a dict"));
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> optionalMap(Object value, String key) {
        return value == null ? null : map(value, key);
    }
}
