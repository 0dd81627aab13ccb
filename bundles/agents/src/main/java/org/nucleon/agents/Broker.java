package org.nucleon.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the broker, as oslo.messaging's rabbit driver lays out Neutron's topology:
 * the control exchange (topic, not durable, not auto-deleted) with the server's topic queue bound
 * by its name, replies through the default exchange to the caller's {@code _reply_q}, casts to
 * {@code <topic>.<host>} on the control exchange, fanouts on {@code <topic>_fanout} (fanout,
 * auto-deleted). Until the first connection succeeds it retries every few seconds; after that the
 * client's automatic recovery reconnects and redeclares queues, bindings and the consumer.
 */
final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final long RETRY_SECONDS = 5;

    private final TransportUrl url;
    private final String exchange;
    private final String queue;
    private final Function<Map<String, Object>, Object> endpoint;
    private final ConnectionFactory factory = new ConnectionFactory();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nucleon-agents-amqp-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile Connection connection;
    private Channel publisher;

    /**
     * @param endpoint answers one decoded message: its result, or throws {@link RpcError}
     */
    Broker(TransportUrl url, String exchange, String queue, Function<Map<String, Object>, Object> endpoint) {
        this.url = url;
        this.exchange = exchange;
        this.queue = queue;
        this.endpoint = endpoint;
        factory.setUsername(url.user());
        factory.setPassword(url.password());
        factory.setVirtualHost(url.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(TimeUnit.SECONDS.toMillis(RETRY_SECONDS));
        factory.setConnectionTimeout(10_000);
    }

    void start() {
        connector.execute(this::connect);
    }

    /** Whether the connection is up now (it may be recovering). */
    boolean connected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    private void connect() {
        try {
            Connection c = factory.newConnection(url.addresses(), "nucleon-agents");
            if (connector.isShutdown()) {
                c.abort();
                return;
            }
            Channel consumer = c.createChannel();
            consumer.exchangeDeclare(exchange, "topic", false, false, null);
            consumer.queueDeclare(queue, false, false, false, null);
            consumer.queueBind(queue, exchange, queue);
            consumer.basicQos(16);
            consumer.basicConsume(queue, false, "nucleon-" + queue, new Consumer(consumer));
            connection = c;
            LOG.info("agents' RPC: consuming {} on exchange {} at {}", queue, exchange, url);
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("agents' RPC: cannot connect to {} ({}); retrying in {} s", url, e.toString(), RETRY_SECONDS);
            if (!connector.isShutdown()) {
                connector.schedule(this::connect, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** Handles one delivery: never throws, always acknowledges (a bad message is not redelivered). */
    private final class Consumer extends DefaultConsumer {
        Consumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                throws IOException {
            try {
                serve(body);
            } finally {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        }
    }

    void serve(byte[] body) {
        Map<String, Object> message;
        try {
            message = OsloMessage.decode(body);
        } catch (OsloMessage.Malformed e) {
            LOG.warn("agents' RPC: dropped a malformed message on {}: {}", queue, e.getMessage());
            return;
        }
        Object result = null;
        RpcError failure = null;
        try {
            result = endpoint.apply(message);
        } catch (RpcError e) {
            LOG.warn("agents' RPC: {} failed: {}: {}", message.get("method"), e.className(), e.getMessage());
            failure = e;
        } catch (RuntimeException e) {
            LOG.error("agents' RPC: {} failed", message.get("method"), e);
            failure = new RpcError("builtins", "RuntimeError", "Nucleon failed to serve " + message.get("method"),
                    java.util.List.of("Nucleon failed to serve " + message.get("method")));
        }
        Object replyQueue = message.get("_reply_q");
        Object msgId = message.get("_msg_id");
        if (replyQueue instanceof String q && msgId != null) {
            // oslo's direct_send: the default exchange routes to the reply queue by its name
            publish("", q, OsloMessage.reply(String.valueOf(msgId), result, failure), null);
        }
    }

    /** A cast to one server of a topic: routing key {@code <topic>.<host>} on the control exchange. */
    void cast(String topic, String host, Map<String, Object> message) {
        publish(exchange, topic + "." + host, message, "topic");
    }

    /** A cast to every listener of a topic, on its fanout exchange. */
    void fanout(String topic, Map<String, Object> message) {
        publish(topic + "_fanout", topic, message, "fanout");
    }

    /**
     * Publishes on the publishing channel, declaring the exchange as oslo does first (when a type is
     * given). Best effort, as the server's notifications are: failures are logged, never thrown.
     */
    private synchronized void publish(String exchangeName, String routingKey, Map<String, Object> message,
            String exchangeType) {
        Connection c = connection;
        if (c == null || !c.isOpen()) {
            LOG.warn("agents' RPC: not connected to {}; dropped {} for {}", url, message.get("method") == null
                    ? "a reply" : message.get("method"), routingKey);
            return;
        }
        try {
            if (publisher == null || !publisher.isOpen()) {
                publisher = c.createChannel();
            }
            if ("fanout".equals(exchangeType)) {
                publisher.exchangeDeclare(exchangeName, "fanout", false, true, null);
            } else if ("topic".equals(exchangeType)) {
                publisher.exchangeDeclare(exchangeName, "topic", false, false, null);
            }
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .contentEncoding("utf-8").deliveryMode(2).build();
            publisher.basicPublish(exchangeName, routingKey, props, OsloMessage.encode(message));
        } catch (IOException | RuntimeException e) {
            LOG.warn("agents' RPC: publishing to {} {} failed: {}", exchangeName, routingKey, e.toString());
        }
    }

    @Override
    public void close() {
        connector.shutdownNow();
        Connection c = connection;
        if (c != null) {
            c.abort(2000);
        }
    }
}
