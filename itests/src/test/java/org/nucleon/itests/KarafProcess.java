package org.nucleon.itests;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The unpacked distribution run as an operator runs it ({@code bin/karaf server}), from a
 * fresh private copy with its own ssh port, listening where NUCLEON_BIND_HOST/PORT say.
 */
public final class KarafProcess implements AutoCloseable {
    private final Path home;
    private final int port = NucleonKarafTestSupport.freePort();
    private Process karaf;

    public KarafProcess(String name) throws IOException {
        home = freshCopy(name);
    }

    public Http api() {
        return new Http(baseUrl());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The text of etc/{pid}.cfg. */
    public String config(String pid) throws IOException {
        return Files.readString(home.resolve("etc").resolve(pid + ".cfg"));
    }

    /** Writes etc/{pid}.cfg: before start, or live (Karaf applies changed files within seconds). */
    public void config(String pid, String properties) throws IOException {
        Path cfg = home.resolve("etc").resolve(pid + ".cfg");
        Path tmp = home.resolve(pid + ".cfg.tmp");
        Files.writeString(tmp, properties);
        Files.move(tmp, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("NUCLEON_BIND_HOST", "127.0.0.1");
        pb.environment().put("NUCLEON_BIND_PORT", String.valueOf(port));
        karaf = pb.start();
        Http api = api();
        // a first boot resolves every feature; a loaded or stalled machine has taken over 2 minutes
        if (!Http.await(300_000, () -> api.get("/v2.0/networks").status() == 200)) {
            throw new AssertionError("Nucleon did not serve /v2.0/networks on port " + port + " within 300 s");
        }
    }

    /** SIGTERM to the script and the JVM it started (Karaf shuts down cleanly on it), then wait. */
    public void stop() throws Exception {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
        all.add(karaf.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // destroyForcibly only asks: wait until it is gone, or the next start meets the old
                // JVM still answering on the port while its bundles stop
                p.destroyForcibly();
                p.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        karaf = null;
        if (!Http.await(60_000, () -> !listening())) {
            throw new AssertionError("port " + port + " still answers after Nucleon stopped");
        }
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** A copy of the assembly without data/, so every run starts from nothing. */
    private static Path freshCopy(String name) throws IOException {
        Path src = Paths.get(System.getProperty("nucleon.assembly"));
        Path dst = Paths.get("target", name).toAbsolutePath();
        if (Files.exists(dst)) {
            try (Stream<Path> old = Files.walk(dst)) {
                old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
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
