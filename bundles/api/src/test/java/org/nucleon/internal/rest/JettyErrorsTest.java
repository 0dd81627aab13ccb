package org.nucleon.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Server;
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

    @Test
    public void theServersErrorHandlerIsOursWhileTheComponentLivesAndJettysAfter() {
        Server server = new Server();
        JettyErrors errors = new JettyErrors();
        var jettys = server.getErrorHandler();
        errors.setServer(server);
        assertTrue(server.getErrorHandler() instanceof JettyErrors.NeutronErrorHandler);
        errors.deactivate();
        assertEquals(jettys, server.getErrorHandler());
    }
}
