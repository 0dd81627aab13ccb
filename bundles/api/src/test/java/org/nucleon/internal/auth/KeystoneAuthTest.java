package org.nucleon.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;
import org.nucleon.internal.controller.QueryString;

/**
 * The keystone strategy where no Keystone answers: a request without a token is refused before
 * Keystone is asked, and a Keystone that is down or silent is a 503, not a 500 or a hang. (With a
 * real Keystone: KeystoneIT.)
 */
public class KeystoneAuthTest {

    private static KeystoneAuth auth(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("keystone_authtoken.auth_url", "http://127.0.0.1:" + port + "/v3");
        p.put("keystone_authtoken.www_authenticate_uri", "http://keystone.example:5000/v3");
        p.put("keystone_authtoken.username", "nucleon");
        p.put("keystone_authtoken.password", "secretnucleon");
        p.put("keystone_authtoken.project_name", "service");
        p.put("keystone_authtoken.http_connect_timeout", "1");
        return new KeystoneAuth(KeystoneConfig.from(p));
    }

    private static ApiRequest request(Map<String, List<String>> headers) {
        return new ApiRequest("GET", "http://127.0.0.1:9696", "/v2.0/networks", QueryString.parse(""), headers,
                new byte[0]);
    }

    @Test
    public void noTokenIsRefusedWithAChallengeAndIdentityHeadersDoNotHelp() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            for (Map<String, List<String>> headers : List.of(Map.<String, List<String>>of(),
                    Map.of("X-Auth-Token", List.of("  ")),
                    Map.of("X-Project-Id", List.of("p1"), "X-User-Id", List.of("u1"), "X-Roles", List.of("admin"),
                            "X-Identity-Status", List.of("Confirmed")))) {
                ApiController.Unauthorized e = assertThrows(ApiController.Unauthorized.class,
                        () -> auth(silent.getLocalPort()).authenticate(request(headers), "req-1"));
                assertEquals(401, e.status());
                assertEquals("Keystone uri=\"http://keystone.example:5000/v3\"", e.challenge());
            }
        }
    }

    @Test
    public void keystoneDownIs503() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertUnavailable(auth(closed));
    }

    @Test
    public void keystoneThatNeverAnswersIs503AfterTheTimeout() throws IOException {
        // the kernel accepts the connection; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0)) {
            assertUnavailable(auth(silent.getLocalPort()));
        }
    }

    private static void assertUnavailable(KeystoneAuth auth) {
        NeutronException e = assertThrows(NeutronException.class,
                () -> auth.authenticate(request(Map.of("X-Auth-Token", List.of("some-token"))), "req-1"));
        assertEquals(503, e.status());
        assertEquals("HTTPServiceUnavailable", e.type());
        assertEquals("The Keystone service is temporarily unavailable.", e.getMessage());
    }
}
