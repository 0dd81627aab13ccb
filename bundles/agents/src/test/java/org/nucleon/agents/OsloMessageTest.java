package org.nucleon.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Address;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class OsloMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void decodesTheEnvelopeAnAgentSends() {
        // what oslo.messaging 14's rabbit driver publishes for PluginReportStateAPI.report_state
        String inner = "{\"method\": \"report_state\", \"args\": {\"agent_state\": {\"agent_state\": {\"host\": \"n1\"}},"
                + " \"time\": \"2026-11-27T10:00:01.123456\"}, \"version\": \"1.2\", \"_msg_id\": \"abc\","
                + " \"_reply_q\": \"reply_0f\", \"_timeout\": null, \"_unique_id\": \"u1\", \"_context_is_admin\": true}";
        byte[] body = bytes("{\"oslo.version\": \"2.0\", \"oslo.message\": " + JSON.valueToTree(inner) + "}");
        Map<String, Object> m = OsloMessage.decode(body);
        assertEquals("report_state", m.get("method"));
        assertEquals("reply_0f", m.get("_reply_q"));
        assertEquals("1.2", m.get("version"));
    }

    @Test
    public void encodeAndDecodeRoundTrip() throws Exception {
        Map<String, Object> cast = OsloMessage.cast("network_create_end", Map.of("payload", Map.of("network",
                Map.of("id", "n1"))));
        byte[] body = OsloMessage.encode(cast);
        Map<?, ?> envelope = JSON.readValue(body, Map.class);
        assertEquals("2.0", envelope.get("oslo.version"));
        assertTrue(envelope.get("oslo.message") instanceof String);
        Map<String, Object> back = OsloMessage.decode(body);
        assertEquals("network_create_end", back.get("method"));
        assertEquals("1.0", back.get("version"));
        assertEquals(Map.of("payload", Map.of("network", Map.of("id", "n1"))), back.get("args"));
        assertEquals(true, back.get("_context_is_admin"));
        assertEquals(32, ((String) back.get("_unique_id")).length());
    }

    @Test
    public void anUnenvelopedMessageIsTakenAsIs() {
        assertEquals("report_state", OsloMessage.decode(bytes("{\"method\": \"report_state\"}")).get("method"));
    }

    @Test
    public void malformedBodiesAreRefused() {
        for (String bad : List.of("", "not json", "[1, 2]", "42", "{\"a\": 1",
                "{\"oslo.version\": \"3.0\", \"oslo.message\": \"{}\"}",
                "{\"oslo.version\": \"2.1\", \"oslo.message\": \"{}\"}",
                "{\"oslo.version\": \"2.0\", \"oslo.message\": {\"method\": \"x\"}}",
                "{\"oslo.version\": \"2.0\", \"oslo.message\": \"[1]\"}",
                "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{oops\"}")) {
            assertThrows(bad, OsloMessage.Malformed.class, () -> OsloMessage.decode(bytes(bad)));
        }
        assertThrows(OsloMessage.Malformed.class, () -> OsloMessage.decode(null));
    }

    @Test
    public void aReplyCarriesTheResultOrOslosSerializedFailure() throws Exception {
        Map<String, Object> ok = OsloMessage.reply("m1", "new", null);
        assertEquals("new", ok.get("result"));
        assertNull(ok.get("failure"));
        assertEquals(true, ok.get("ending"));
        assertEquals("m1", ok.get("_msg_id"));

        Map<String, Object> failed = OsloMessage.reply("m2", "ignored", RpcError.keyError("time"));
        assertNull(failed.get("result"));
        Map<?, ?> failure = JSON.readValue((String) failed.get("failure"), Map.class);
        assertEquals("KeyError", failure.get("class"));
        assertEquals("builtins", failure.get("module"));
        assertEquals(List.of("time"), failure.get("args"));
        assertEquals(Map.of(), failure.get("kwargs"));
        assertEquals(List.of(), failure.get("tb"));
    }

    @Test
    public void transportUrlAsOsloWritesIt() {
        TransportUrl u = TransportUrl.parse("rabbit://guest:guest@127.0.0.1:5672/");
        assertEquals("guest", u.user());
        assertEquals("guest", u.password());
        assertEquals(List.of(new Address("127.0.0.1", 5672)), u.addresses());
        assertEquals("/", u.virtualHost());

        TransportUrl many = TransportUrl.parse("rabbit://neutron:p%40ss@rabbit1:5673,neutron:p%40ss@rabbit2/nova");
        assertEquals("p@ss", many.password());
        assertEquals(List.of(new Address("rabbit1", 5673), new Address("rabbit2", 5672)), many.addresses());
        assertEquals("nova", many.virtualHost());
        assertEquals("rabbit://neutron:***@[rabbit1:5673, rabbit2:5672]/nova", many.toString());

        assertEquals(List.of(new Address("::1", 5672)), TransportUrl.parse("rabbit://u:p@[::1]:5672/").addresses());
        for (String bad : List.of("amqp://guest:guest@h/", "rabbit://guest:guest@h:port/", "rabbit:///", "")) {
            assertThrows(bad, IllegalArgumentException.class, () -> TransportUrl.parse(bad));
        }
    }
}
