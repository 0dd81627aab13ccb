package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;

/**
 * The unpacked distribution as an operator runs it ({@code bin/karaf server}), outside Pax Exam:
 * the listen address comes from NUCLEON_BIND_HOST / NUCLEON_BIND_PORT, and networks created
 * before a restart are there after it (embedded Derby under data/).
 */
public class DistributionRestartIT {
    private Process karaf;

    @Test
    public void dataSurvivesARestartAndTheBindAddressComesFromTheEnvironment() throws Exception {
        Path home = copyOfAssembly();
        int port = NucleonKarafTestSupport.freePort();
        Http api = new Http("http://127.0.0.1:" + port);

        start(home, port);
        String id = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"survivor\"}}")
                .map().get("network")).get("id");
        stop();

        start(home, port);
        Http.Answer shown = api.get("/v2.0/networks/" + id);
        assertEquals(shown.text(), 200, shown.status());
        assertEquals("survivor", ((Map<?, ?>) shown.map().get("network")).get("name"));
    }

    private void start(Path home, int port) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        pb.environment().put("NUCLEON_BIND_HOST", "127.0.0.1");
        pb.environment().put("NUCLEON_BIND_PORT", String.valueOf(port));
        karaf = pb.start();
        Http api = new Http("http://127.0.0.1:" + port);
        assertTrue("served on the port from NUCLEON_BIND_PORT",
                Http.await(90_000, () -> api.get("/v2.0/networks").status() == 200));
    }

    /** SIGTERM to the script and the JVM it started (Karaf shuts down cleanly on it), then wait. */
    @After
    public void stop() throws Exception {
        if (karaf != null) {
            List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
            all.add(karaf.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(60, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    p.destroyForcibly();
                }
            }
        }
        karaf = null;
    }

    /** A fresh private copy of the assembly (no data/) with its own ssh port, so nothing else is disturbed. */
    private static Path copyOfAssembly() throws IOException {
        Path src = Paths.get(System.getProperty("nucleon.assembly"));
        Path dst = Paths.get("target", "dist-restart").toAbsolutePath();
        if (Files.exists(dst)) {
            try (Stream<Path> old = Files.walk(dst)) {
                old.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (src.relativize(p).startsWith("data")) {
                    continue;
                }
                Path target = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Path shell = dst.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shell, Files.readString(shell).replace("sshPort = 8101",
                "sshPort = " + NucleonKarafTestSupport.freePort()));
        return dst;
    }
}
