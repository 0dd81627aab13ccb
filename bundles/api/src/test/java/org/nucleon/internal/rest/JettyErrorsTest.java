package org.nucleon.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.Test;

public class JettyErrorsTest {
    private static Map<?, ?> error(ByteBuffer body) throws Exception {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return (Map<?, ?>) new ObjectMapper().readValue(bytes, Map.class).get("NeutronError");
    }

    @Test
    public void aMessageJettyCouldNotParseIsAnsweredWithANeutronError() throws Exception {
        HttpFields fields = new HttpFields();
        ByteBuffer body = new JettyErrors.NeutronErrorHandler().badMessageError(400, "Bad URI", fields);
        assertEquals(Map.of("type", "HTTPBadRequest", "message", "Bad URI", "detail", ""), error(body));
        assertEquals("application/json", fields.get("Content-Type"));
        assertTrue(fields.get("X-Openstack-Request-Id").startsWith("req-"));
        assertEquals("HTTPRequestHeaderFieldsTooLarge",
                error(new JettyErrors.NeutronErrorHandler().badMessageError(431, null, new HttpFields())).get("type"));
    }

    /** As the API servlet does it: the server is running when the servlet hands it over. */
    @Test
    public void aRunningJettyAnswersAPathItCannotDecodeWithANeutronError() throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.start();
        new JettyErrors().installIn(server);
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            String answer = get(port, "/v2.0/networks/%zz");
            assertTrue(answer, answer.startsWith("HTTP/1.1 400 "));
            assertTrue(answer, answer.contains("Content-Type: application/json"));
            assertTrue(answer, answer.contains("X-Openstack-Request-Id: req-"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            Map<?, ?> error = error(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
            assertEquals("HTTPBadRequest", error.get("type"));
            assertEquals(java.util.Set.of("type", "message", "detail"), error.keySet());
        } finally {
            server.stop();
        }
    }

    /** Jetty's own 404: no servlet took the path, so the API's is not registered at this moment. */
    @Test
    public void aPathNoServletTakesIsAnsweredAsAServerStarting() throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.start();
        new JettyErrors().installIn(server);
        try {
            String answer = get(((ServerConnector) server.getConnectors()[0]).getLocalPort(), "/v2.0/networks");
            assertTrue(answer, answer.startsWith("HTTP/1.1 503 "));
            assertTrue(answer, answer.contains("Retry-After: 1"));
            assertTrue(answer, answer.contains("X-Openstack-Request-Id: req-"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertEquals("ServiceUnavailable", error(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)))
                    .get("type"));
        } finally {
            server.stop();
        }
    }

    private static String get(int port, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void theServersErrorHandlerIsOursWhileTheComponentLivesAndJettysAfter() {
        Server server = new Server();
        JettyErrors errors = new JettyErrors();
        var jettys = server.getErrorHandler();
        errors.installIn(server);
        var ours = server.getErrorHandler();
        assertTrue(ours instanceof JettyErrors.NeutronErrorHandler);
        errors.installIn(server);
        assertSame("handed the same server again", ours, server.getErrorHandler());
        errors.deactivate();
        assertEquals(jettys, server.getErrorHandler());
    }

    /** pax-web builds a new server when its settings change: the servlet, initialised in it, hands that one over. */
    @Test
    public void aServerBuiltAnewGetsTheHandlerAndGivesItBackWhenTheComponentGoes() throws Exception {
        JettyErrors errors = new JettyErrors();
        Server before = new Server();
        errors.installIn(before);
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.start();
        try {
            errors.installIn(server);
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            assertTrue(get(port, "/v2.0/networks/%zz").contains("Content-Type: application/json"));
            errors.deactivate();
            String answer = get(port, "/v2.0/networks/%zz");
            assertTrue(answer, answer.startsWith("HTTP/1.1 400 "));
            assertFalse("Jetty's own page once the component is gone", answer.contains("NeutronError"));
        } finally {
            server.stop();
        }
    }
}
