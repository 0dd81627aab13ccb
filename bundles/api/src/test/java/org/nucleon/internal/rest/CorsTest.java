package org.nucleon.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

/** oslo.middleware's CORS rules, as the API servlet applies them. */
public class CorsTest {
    private static final String ORIGIN = "http://dashboard.example";
    private final Cors cors = Cors.from(Map.of("cors.allowed_origin", ORIGIN));

    @Test
    public void anAllowedPreflightGetsTheAllowingHeaders() {
        Map<String, String> h = cors.preflight("OPTIONS", Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-Auth-Token")::get);
        assertEquals(ORIGIN, h.get("Access-Control-Allow-Origin"));
        assertEquals("POST", h.get("Access-Control-Allow-Methods"));
        assertEquals("X-Auth-Token", h.get("Access-Control-Allow-Headers"));
        assertEquals("3600", h.get("Access-Control-Max-Age"));
        assertEquals("true", h.get("Access-Control-Allow-Credentials"));
    }

    @Test
    public void aRefusedPreflightIsAnsweredWithoutThem() {
        // a method or a header outside the policy, or another origin: answered, but allowing nothing
        assertEquals(Map.of(), cors.preflight("OPTIONS", Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "TRACE")::get));
        assertEquals(Map.of(), cors.preflight("OPTIONS", Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Secret")::get));
        assertEquals(Map.of(), cors.preflight("OPTIONS", Map.of("Origin", "http://elsewhere.example",
                "Access-Control-Request-Method", "GET")::get));
    }

    @Test
    public void onlyAnOptionsWithOriginAndRequestMethodIsAPreflight() {
        assertNull(cors.preflight("GET", Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET")::get));
        assertNull(cors.preflight("OPTIONS", Map.of("Origin", ORIGIN)::get));
        assertNull(cors.preflight("OPTIONS", Map.of("Access-Control-Request-Method", "GET")::get));
    }

    @Test
    public void otherResponsesExposeHeadersToAnAllowedOriginOnly() {
        Map<String, String> h = cors.actual(ORIGIN);
        assertEquals(ORIGIN, h.get("Access-Control-Allow-Origin"));
        assertEquals("Origin", h.get("Vary"));
        assertTrue(h.get("Access-Control-Expose-Headers").contains("X-OpenStack-Request-ID"));
        assertEquals(Map.of(), cors.actual("http://elsewhere.example"));
        assertEquals(Map.of(), cors.actual(null));
    }

    @Test
    public void withoutConfiguredOriginsCorsIsOff() {
        Cors off = Cors.from(Map.of());
        assertEquals(Map.of(), off.actual(ORIGIN));
        assertEquals(Map.of(), off.preflight("OPTIONS", Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "GET")::get));
    }
}
