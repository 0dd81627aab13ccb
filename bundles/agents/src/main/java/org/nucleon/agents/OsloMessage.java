package org.nucleon.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * oslo.messaging's AMQP wire format (rabbit driver): a JSON envelope
 * {@code {"oslo.version": "2.0", "oslo.message": "<the message as JSON text>"}}; the message
 * holds {@code method}, {@code args}, {@code version}, {@code _unique_id}, the caller's context as
 * {@code _context_*} keys and, for a call, {@code _msg_id} and {@code _reply_q}. A reply carries
 * {@code result}, {@code failure} (a serialized exception, or null), {@code ending} and {@code _msg_id}.
 */
final class OsloMessage {
    static final String VERSION_KEY = "oslo.version";
    static final String MESSAGE_KEY = "oslo.message";
    static final String ENVELOPE_VERSION = "2.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OsloMessage() {
    }

    /** A message no agent could have sent: logged and dropped by the consumer. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * The message of a delivery. As oslo's deserialize_msg, a JSON object without both envelope
     * keys is taken as an unenveloped message; an envelope of another major version (or a newer
     * minor one) is refused.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> decode(byte[] body) {
        Map<String, Object> outer = object(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        if (!outer.containsKey(VERSION_KEY) || !outer.containsKey(MESSAGE_KEY)) {
            return outer;
        }
        if (!compatible(String.valueOf(outer.get(VERSION_KEY)))) {
            throw new Malformed("unsupported envelope version " + outer.get(VERSION_KEY));
        }
        if (!(outer.get(MESSAGE_KEY) instanceof String inner)) {
            throw new Malformed("oslo.message is not a string");
        }
        return object(inner);
    }

    private static boolean compatible(String version) {
        String[] parts = version.split("\\.");
        return parts.length == 2 && parts[0].equals("2") && parts[1].equals("0");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String text) {
        Object value;
        try {
            value = JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new Malformed("not JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (!(value instanceof Map)) {
            throw new Malformed("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** The delivery body of a message: the message in oslo's 2.0 envelope. */
    static byte[] encode(Map<String, Object> message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put(VERSION_KEY, ENVELOPE_VERSION);
        try {
            envelope.put(MESSAGE_KEY, JSON.writeValueAsString(message));
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-able: " + message, e);
        }
    }

    /**
     * A cast of the server to agents, as Neutron's notifiers make it: version 1.0, no namespace,
     * the server's admin context.
     */
    static Map<String, Object> cast(String method, Map<String, Object> args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("args", args);
        m.put("version", "1.0");
        m.put("_unique_id", uniqueId());
        m.put("_context_user_id", null);
        m.put("_context_project_id", null);
        m.put("_context_tenant_id", null);
        m.put("_context_is_admin", true);
        m.put("_context_roles", List.of("admin"));
        m.put("_context_request_id", "req-" + UUID.randomUUID());
        return m;
    }

    /** The one reply to a call: the result, or the failure as oslo's serialize_remote_exception. */
    static Map<String, Object> reply(String msgId, Object result, RpcError failure) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", failure == null ? result : null);
        m.put("failure", failure == null ? null : failure(failure));
        m.put("ending", true);
        m.put("_msg_id", msgId);
        m.put("_unique_id", uniqueId());
        return m;
    }

    private static String failure(RpcError e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("class", e.className());
        f.put("module", e.module());
        f.put("message", e.getMessage());
        f.put("tb", List.of());
        f.put("args", e.args());
        f.put("kwargs", Map.of());
        try {
            return JSON.writeValueAsString(f);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String uniqueId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
