package org.nucleon.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
