package org.nucleon.itests;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The unpacked distribution run as an operator runs it ({@code bin/karaf server}, or in the
 * background with {@code bin/start} and {@code bin/stop}), from a fresh private copy with its own
 * ssh port, listening where NUCLEON_BIND_HOST/PORT say.
 */
public final class KarafProcess implements AutoCloseable {
    private final Path home;
    private final String bindHost;
    private final int port = NucleonKarafTestSupport.freePort();
    private final Set<String> startingAnswers = new LinkedHashSet<>();
    /** bin/karaf server, when {@link #start()} started it. */
    private Process karaf;
    /** The JVM bin/start left running, when {@link #startInBackground()} started it. */
    private ProcessHandle daemon;

    public KarafProcess(String name) throws IOException {
        this(name, "127.0.0.1");
    }

    /** A distribution that is to listen on {@code bindHost}, e.g. another loopback address. */
    public KarafProcess(String name, String bindHost) throws IOException {
        home = freshCopy(name);
        this.bindHost = bindHost;
    }

    public Http api() {
        return new Http(baseUrl());
    }

    public String baseUrl() {
        return "http://" + bindHost + ":" + port;
    }

    /** The HTTP port it listens on (NUCLEON_BIND_PORT). */
    public int port() {
        return port;
    }

    /** The lines of data/log/karaf.log logged at level ERROR so far. */
    public List<String> errorsLogged() throws IOException {
        return linesLogged("| ERROR |");
    }

    /** The lines of data/log/karaf.log so far that contain the text. */
    public List<String> linesLogged(String text) throws IOException {
        try (Stream<String> lines = Files.lines(home.resolve("data/log/karaf.log"))) {
            return lines.filter(line -> line.contains(text)).toList();
        }
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

    /** {@code bin/karaf server}, in the foreground of a child process; returns once the API answers. */
    public void start() throws IOException, InterruptedException {
        karaf = script("bin/karaf", "server").start();
        awaitServing();
    }

    /**
     * {@code bin/start}, which returns at once and leaves Karaf running on its own (its output
     * in console.log through KARAF_REDIRECT); returns once the API answers. {@link #stop()} then
     * runs {@code bin/stop}.
     */
    public void startInBackground() throws IOException, InterruptedException {
        Path pidFile = home.resolve("karaf.pid");
        Files.deleteIfExists(pidFile);
        ProcessBuilder pb = script("bin/start");
        pb.environment().put("KARAF_REDIRECT", home.resolve("console.log").toString());
        Process start = pb.start();
        if (!start.waitFor(60, TimeUnit.SECONDS) || start.exitValue() != 0) {
            start.destroyForcibly();
            throw new AssertionError("bin/start did not return 0 within 60 s; see " + home.resolve("console.log"));
        }
        // Karaf writes its JVM's pid there first thing
        if (!Http.await(60_000, () -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank())) {
            throw new AssertionError("no karaf.pid 60 s after bin/start; see " + home.resolve("console.log"));
        }
        daemon = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                .orElseThrow(() -> new AssertionError("the JVM bin/start left has already gone"));
        awaitServing();
    }

    /** One of the distribution's scripts, run in its home with the bind address and port in its environment. */
    private ProcessBuilder script(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("NUCLEON_BIND_HOST", bindHost);
        pb.environment().put("NUCLEON_BIND_PORT", String.valueOf(port));
        return pb;
    }

    /**
     * What {@code GET /v2.0/networks} answered while the server last started, before its first 200:
     * each status with its NeutronError type (null for none), once, in the order first seen; and
     * "unanswered" with the exception for a request that got no answer after an earlier one did.
     */
    public List<String> startingAnswers() {
        return List.copyOf(startingAnswers);
    }

    private void awaitServing() throws IOException, InterruptedException {
        // a stalled request must not let the poll miss what the API answers meanwhile
        Http api = new Http(baseUrl(), Duration.ofSeconds(2));
        startingAnswers.clear();
        // a first boot resolves every feature; a loaded or stalled machine has taken over 2 minutes
        if (!Http.await(300_000, () -> {
            Http.Answer networks;
            try {
                networks = api.get("/v2.0/networks");
            } catch (IOException e) {
                // refused before Jetty listens; once it has answered, a request it drops is worth a record
                if (!startingAnswers.isEmpty()) {
                    startingAnswers.add("unanswered " + e.getClass().getSimpleName());
                }
                throw e;
            }
            if (networks.status() != 200) {
                startingAnswers.add(networks.status() + " " + networks.errorType());
            }
            return networks.status() == 200;
        })) {
            throw new AssertionError("Nucleon did not serve /v2.0/networks on " + baseUrl() + " within 300 s");
        }
        // the plugins' extensions follow once their persistence units are built, which on a loaded
        // machine is seconds after the core collections first answer
        List<String> expected = new ArrayList<>(ConformanceIT.CORE_AND_SERVICE_ALIASES);
        expected.add("standard-attr-tag");
        if (!Http.await(120_000, () -> api.extensionAliases().containsAll(expected))) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(api.extensionAliases());
            throw new AssertionError(baseUrl() + " did not list " + missing + " within 120 s");
        }
    }

    /**
     * Started by {@link #start()}: SIGTERM to the script and the JVM it started (Karaf shuts down
     * cleanly on it). Started by {@link #startInBackground()}: {@code bin/stop}, which must return 0.
     * Either way waits until the JVM has gone and the port no longer answers.
     */
    public void stop() throws Exception {
        boolean binStopFailed = false;
        if (karaf != null) {
            List<ProcessHandle> all = new ArrayList<>(karaf.descendants().toList());
            all.add(karaf.toHandle());
            all.forEach(ProcessHandle::destroy);
            awaitExit(all);
            karaf = null;
        } else if (daemon != null) {
            Process stop = script("bin/stop").start();
            binStopFailed = !stop.waitFor(120, TimeUnit.SECONDS) || stop.exitValue() != 0;
            stop.destroyForcibly();
            awaitExit(List.of(daemon));
            daemon = null;
        }
        if (!Http.await(60_000, () -> !listening())) {
            throw new AssertionError("port " + port + " still answers after Nucleon stopped");
        }
        if (binStopFailed) {
            throw new AssertionError("bin/stop did not return 0 within 120 s; see " + home.resolve("console.log"));
        }
    }

    /** Waits for processes that were asked to end; those that do not within 120 s are killed. */
    private static void awaitExit(List<ProcessHandle> asked) throws Exception {
        for (ProcessHandle p : asked) {
            try {
                p.onExit().get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // destroyForcibly only asks: wait until it is gone, or the next start meets the old
                // JVM still answering on the port while its bundles stop
                p.destroyForcibly();
                p.onExit().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private boolean listening() {
        try (Socket s = new Socket(bindHost, port)) {
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
