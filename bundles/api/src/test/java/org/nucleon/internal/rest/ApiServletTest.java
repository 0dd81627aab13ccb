package org.nucleon.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.auth.KeystoneAuth;

/** auth_strategy picks the authenticator (anything else stops the API from starting); the base URL of links. */
public class ApiServletTest {

    @Test
    public void noauthIsTheDefault() {
        assertTrue(ApiServlet.authenticator(Map.of()) instanceof NoAuth);
        assertTrue(ApiServlet.authenticator(Map.of("auth_strategy", " noauth ")) instanceof NoAuth);
    }

    @Test
    public void keystoneWithItsOptions() {
        Map<String, Object> p = new HashMap<>(Map.of("auth_strategy", "keystone"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiServlet.authenticator(p));
        assertEquals("keystone_authtoken.auth_url must be set when auth_strategy is keystone", e.getMessage());
        p.put("keystone_authtoken.auth_url", "http://127.0.0.1:5000/v3");
        p.put("keystone_authtoken.username", "nucleon");
        p.put("keystone_authtoken.password", "secretnucleon");
        p.put("keystone_authtoken.project_name", "service");
        assertTrue(ApiServlet.authenticator(p) instanceof KeystoneAuth);
    }

    @Test
    public void anyOtherStrategyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiServlet.authenticator(Map.of("auth_strategy", "keystone-v2")));
        assertEquals("auth_strategy 'keystone-v2' is not supported; use noauth or keystone", e.getMessage());
    }

    @Test
    public void aListThatFailsWhileWrittenIsCutShortNotEnded() {
        Iterable<Object> failsAfterOne = () -> new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == 1) {
                    throw new NeutronException(503, "ServiceUnavailable", "the database went away");
                }
                return true;
            }

            @Override
            public Object next() {
                given++;
                return Map.of("id", "n1");
            }
        };
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThrows(IOException.class, () -> ApiServlet.stream(Map.of("networks", failsAfterOne), out));
        assertEquals("{\"networks\":[{\"id\":\"n1\"}", out.toString(StandardCharsets.UTF_8));
        assertFalse("Jetty must abort the answer, which a closed stream would end", closed.get());
    }

    @Test
    public void linksUseTheProxysSchemeAndHostThenTheHostHeader() {
        Map<String, String> proxied = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "api.example, internal:9696", "Host", "10.0.0.5:9696");
        assertEquals("https://api.example", ApiServlet.baseUrl("http", "127.0.0.1:9696", "", proxied::get));
        assertEquals("http://10.0.0.5:9696", ApiServlet.baseUrl("http", "127.0.0.1:9696", "",
                Map.of("Host", "10.0.0.5:9696", "X-Forwarded-Proto", " ")::get));
        assertEquals("http://127.0.0.1:9696/neutron", ApiServlet.baseUrl("http", "127.0.0.1:9696", "/neutron/",
                Map.<String, String>of()::get));
    }
}
