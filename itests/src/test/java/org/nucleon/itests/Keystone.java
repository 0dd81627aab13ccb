package org.nucleon.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;

/**
 * A real Keystone for the tests, run by {@code src/test/resources/keystone/start.sh} (a copy of
 * the team's script: Debian's keystone under uwsgi, installed on first use, with the accounts
 * admin, nucleon, alice and bob). Started once per test JVM on a free loopback port, with its
 * state under {@code target/keystone}, and stopped when the JVM exits.
 */
final class Keystone {
    private static final Path SCRIPTS = Path.of("src/test/resources/keystone").toAbsolutePath();
    private static final Path DIR = Path.of("target/keystone").toAbsolutePath();
    private static String url;

    private Keystone() {
    }

    /** A token and the project it is scoped to. */
    record Token(String id, String projectId) {
        Map<String, String> header() {
            return Map.of("X-Auth-Token", id);
        }
    }

    /**
     * Options that start Keystone and make the distribution authenticate against it as the
     * {@code nucleon} service user (auth_strategy = keystone); tests reach it through {@link #api()}.
     */
    static List<Option> options(String wwwAuthenticateUri) {
        String keystone = start();
        Map<String, String> keys = Map.of("auth_strategy", "keystone",
                "keystone_authtoken.www_authenticate_uri", wwwAuthenticateUri,
                "keystone_authtoken.auth_url", keystone,
                "keystone_authtoken.username", "nucleon",
                "keystone_authtoken.password", "secretnucleon",
                "keystone_authtoken.project_name", "service",
                "keystone_authtoken.user_domain_name", "Default",
                "keystone_authtoken.project_domain_name", "Default",
                "keystone_authtoken.token_cache_time", "300");
        List<Option> o = new ArrayList<>();
        keys.forEach((k, v) -> o.add(KarafDistributionOption.editConfigurationFilePut("etc/org.nucleon.api.cfg", k, v)));
        o.add(KarafDistributionOption.editConfigurationFilePut("etc/system.properties", "nucleon.test.keystone.url",
                keystone));
        return o;
    }

    /** The Identity v3 API the distribution uses, from inside the test container. */
    static Http api() {
        return new Http(System.getProperty("nucleon.test.keystone.url"));
    }

    /** A project-scoped token of a user of the Default domain. */
    static Token token(String user, String password, String project) throws Exception {
        Http.Answer a = api().send("POST", "/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"name\": \"" + user + "\", \"domain\": {\"name\": \"Default\"}, "
                + "\"password\": \"" + password + "\"}}}, \"scope\": {\"project\": {\"name\": \"" + project
                + "\", \"domain\": {\"name\": \"Default\"}}}}}", Map.of());
        if (a.status() != 201) {
            throw new IllegalStateException("no token for " + user + ": " + a.status() + " " + a.text());
        }
        Map<?, ?> scope = (Map<?, ?>) ((Map<?, ?>) a.map().get("token")).get("project");
        return new Token(a.header("X-Subject-Token"), (String) scope.get("id"));
    }

    /** Starts Keystone unless this JVM already has; returns its Identity v3 URL. */
    static synchronized String start() {
        if (url != null) {
            return url;
        }
        int port = NucleonKarafTestSupport.freePort();
        try {
            // a Keystone left by a test JVM that was killed would hold the state folder
            run("stop.sh", port, 60);
            run("start.sh", port, 1800);
        } catch (IOException e) {
            throw new IllegalStateException("could not run the Keystone scripts", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run("stop.sh", port, 4);
            } catch (IOException | InterruptedException | IllegalStateException e) {
                System.err.println("could not stop Keystone: " + e);
            }
        }));
        url = "http://127.0.0.1:" + port + "/v3";
        return url;
    }

    private static void run(String script, int port, int timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        File log = DIR.resolve(script + ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", SCRIPTS.resolve(script).toString()))
                .redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("KEYSTONE_DIR", DIR.toString());
        pb.environment().put("KEYSTONE_PORT", String.valueOf(port));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            throw new IllegalStateException(script + " did not finish within " + timeoutSeconds + " s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed (" + p.exitValue() + "): " + Files.readString(log.toPath()));
        }
    }
}
