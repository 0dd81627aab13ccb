package org.nucleon.agents;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' side of the message bus: serves report_state on q-reports-plugin and sends the
 * server's casts, on the broker that {@code transport_url} in {@code org.nucleon.agents} names
 * (Neutron's [DEFAULT] transport_url and control_exchange). Without a URL it stays idle and says
 * so; a new URL reconnects at once.
 */
@Component(service = {AgentNotifier.class, AgentRpc.class}, immediate = true, configurationPid = AgentHandler.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class AgentRpc implements AgentNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRpc.class);

    @Reference
    AgentHandler agents;

    private Broker broker;
    private String configured;
    private volatile String inactiveReason;

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> properties) {
        String url = String.valueOf(properties.getOrDefault("transport_url", "")).strip();
        String exchange = String.valueOf(properties.getOrDefault("control_exchange", "neutron")).strip();
        String key = url + " " + exchange;
        if (key.equals(configured)) {
            return;
        }
        configured = key;
        stop();
        if (url.isEmpty()) {
            inactive("no transport_url in " + AgentHandler.PID + ": agents cannot report over the message bus");
            return;
        }
        TransportUrl parsed;
        try {
            parsed = TransportUrl.parse(url);
        } catch (IllegalArgumentException e) {
            inactive("invalid transport_url in " + AgentHandler.PID + ": " + e.getMessage());
            return;
        }
        inactiveReason = null;
        AgentStateEndpoint endpoint = new AgentStateEndpoint(agents);
        broker = new Broker(parsed, exchange, AgentStateEndpoint.TOPIC, endpoint::dispatch);
        broker.start();
    }

    private void inactive(String reason) {
        inactiveReason = reason;
        LOG.warn("agents' RPC inactive: {}", reason);
    }

    @Deactivate
    synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** For the shell: connected, connecting, or inactive and why. */
    public synchronized String status() {
        if (inactiveReason != null) {
            return "inactive: " + inactiveReason;
        }
        return broker != null && broker.connected() ? "connected" : "connecting";
    }

    @Override
    public void cast(String topic, String host, String method, Map<String, Object> args) {
        Broker b = current();
        if (b != null) {
            b.cast(topic, host, OsloMessage.cast(method, args));
        }
    }

    @Override
    public void fanout(String topic, String method, Map<String, Object> args) {
        Broker b = current();
        if (b != null) {
            b.fanout(topic, OsloMessage.cast(method, args));
        }
    }

    private synchronized Broker current() {
        if (broker == null) {
            LOG.debug("agents' RPC inactive: cast not sent");
        }
        return broker;
    }
}
