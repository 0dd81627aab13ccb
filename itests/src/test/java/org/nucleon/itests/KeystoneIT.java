package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nucleon.itests.Keystone.Token;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * auth_strategy = keystone against a real Keystone (started by {@link Keystone}): tokens are
 * required and validated, the request context comes from Keystone alone, the service token is
 * renewed when refused, and the strategy can be switched in the cfg file while the server runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KeystoneIT extends NucleonKarafTestSupport {
    private static final String CFG = "etc/org.nucleon.api.cfg";
    private static final String WWW_AUTHENTICATE_URI = "https://keystone.example/identity/v3";
    private static final String UNAUTHORIZED = "The request you have made requires authentication.";

    @Configuration
    public Option[] config() {
        List<Option> o = baseOptions();
        o.addAll(Keystone.options(WWW_AUTHENTICATE_URI));
        return o.toArray(Option[]::new);
    }

    private static Token token(String user, String password, String project) throws Exception {
        return Keystone.token(user, password, project);
    }

    private static Http keystone() {
        return Keystone.api();
    }

    private static Token alice() throws Exception {
        return token("alice", "secretalice", "project-a");
    }

    private static Token admin() throws Exception {
        return token("admin", "secretadmin", "admin");
    }

    /** Nucleon once it serves networks to an admin token (the plugins are in). */
    private Http nucleon() throws Exception {
        Http h = new Http("http://127.0.0.1:" + System.getProperty("nucleon.test.http.port"));
        Map<String, String> admin = admin().header();
        assertTrue("Nucleon did not serve /v2.0/networks to an admin token within 60 s",
                Http.await(60_000, () -> h.send("GET", "/v2.0/networks", null, admin).status() == 200));
        return h;
    }

    private static void assertUnauthorized(Http.Answer a) {
        assertEquals(a.text(), 401, a.status());
        assertEquals("HTTPUnauthorized", a.errorType());
        assertEquals(UNAUTHORIZED, ((Map<?, ?>) a.map().get("NeutronError")).get("message"));
        assertEquals("Keystone uri=\"" + WWW_AUTHENTICATE_URI + "\"", a.header("WWW-Authenticate"));
    }

    private static Map<?, ?> created(Http.Answer a, String member) {
        assertEquals(a.text(), 201, a.status());
        return (Map<?, ?>) a.map().get(member);
    }

    @Test
    public void onlyTheVersionsDocumentIsOpen() throws Exception {
        Http api = nucleon();
        assertEquals(200, api.get("/").status());
        assertUnauthorized(api.get("/v2.0/networks"));
        assertUnauthorized(api.get("/v2.0/"));
        assertUnauthorized(api.post("/v2.0/networks", "{\"network\": {}}"));
        assertUnauthorized(api.send("GET", "/v2.0/networks", null, Map.of("X-Auth-Token", "garbage")));
        // what keystonemiddleware would set after validation, sent by the client: worth nothing
        assertUnauthorized(api.send("GET", "/v2.0/networks", null, Map.of("X-Identity-Status", "Confirmed",
                "X-Roles", "admin", "X-User-Id", "someone", "X-Project-Id", "p1")));
    }

    @Test
    public void aMembersProjectComesFromHerTokenNotHerHeaders() throws Exception {
        Http api = nucleon();
        Token alice = alice();
        Token bob = token("bob", "secretbob", "project-b");
        Map<String, String> headers = new HashMap<>(alice.header());
        headers.putAll(Map.of("X-Project-Id", bob.projectId(), "X-Tenant-Id", bob.projectId(), "X-Roles", "admin",
                "X-User-Id", "bob", "X-Identity-Status", "Confirmed"));
        Map<?, ?> net = created(api.send("POST", "/v2.0/networks", "{\"network\": {\"name\": \"alice-net\"}}",
                headers), "network");
        assertEquals(alice.projectId(), net.get("project_id"));
        assertEquals(alice.projectId(), net.get("tenant_id"));
        // X-Roles: admin did not make her admin: another project's id is refused
        Http.Answer other = api.send("POST", "/v2.0/networks", "{\"network\": {\"name\": \"n\", \"tenant_id\": \""
                + bob.projectId() + "\"}}", headers);
        assertEquals(other.text(), 400, other.status());
    }

    @Test
    public void anAdminTokenIsAnAdminContext() throws Exception {
        Http api = nucleon();
        String projectB = token("bob", "secretbob", "project-b").projectId();
        Map<?, ?> net = created(api.send("POST", "/v2.0/networks", "{\"network\": {\"name\": \"for-b\", "
                + "\"tenant_id\": \"" + projectB + "\"}}", admin().header()), "network");
        assertEquals(projectB, net.get("project_id"));
    }

    @Test
    public void aRevokedTokenIsRefused() throws Exception {
        Http api = nucleon();
        Token t = alice();
        Map<String, String> self = Map.of("X-Auth-Token", t.id(), "X-Subject-Token", t.id());
        assertEquals(204, keystone().send("DELETE", "/auth/tokens", null, self).status());
        assertUnauthorized(api.send("GET", "/v2.0/networks", null, t.header()));
    }

    @Test
    public void aServiceTokenKeystoneRefusesIsRenewed() throws Exception {
        Http api = nucleon();
        assertEquals(200, api.send("GET", "/v2.0/networks", null, alice().header()).status());
        // disabling the service user revokes every token it holds, the server's among them
        Map<String, String> admin = admin().header();
        Http.Answer users = keystone().send("GET", "/users?name=nucleon", null, admin);
        String id = (String) ((Map<?, ?>) ((List<?>) users.map().get("users")).get(0)).get("id");
        assertEquals(200, keystone().send("PATCH", "/users/" + id, "{\"user\": {\"enabled\": false}}", admin).status());
        assertEquals(200, keystone().send("PATCH", "/users/" + id, "{\"user\": {\"enabled\": true}}", admin).status());
        // Keystone compares revocations in whole seconds: a token issued in the same second counts as revoked
        Thread.sleep(1100);
        Http.Answer a = api.send("GET", "/v2.0/networks", null, alice().header());
        assertEquals(a.text(), 200, a.status());
    }

    @Test
    public void switchingToNoauthAndBackInTheCfgFileTakesEffectLive() throws Exception {
        Http api = nucleon();
        Path cfg = Path.of(System.getProperty("karaf.etc"), "org.nucleon.api.cfg");
        String keystoneCfg = Files.readString(cfg);
        String strategy = "(?m)^auth_strategy\\s*[=:].*$";
        assertTrue(keystoneCfg, Pattern.compile(strategy).matcher(keystoneCfg).find());
        try {
            Files.writeString(cfg, keystoneCfg.replaceAll(strategy, "auth_strategy = noauth"));
            assertTrue("noauth within 30 s", Http.await(30_000, () -> api.get("/v2.0/networks").status() == 200));
            Map<?, ?> net = created(api.post("/v2.0/networks", "{\"network\": {\"name\": \"noauth\"}}"), "network");
            assertEquals("fake_project_id", net.get("project_id"));
        } finally {
            Files.writeString(cfg, keystoneCfg);
        }
        assertTrue("keystone again within 30 s", Http.await(30_000, () -> api.get("/v2.0/networks").status() == 401));
        assertUnauthorized(api.get("/v2.0/networks"));
        assertNotNull(created(api.send("POST", "/v2.0/networks", "{\"network\": {\"name\": \"back\"}}",
                alice().header()), "network"));
    }
}
