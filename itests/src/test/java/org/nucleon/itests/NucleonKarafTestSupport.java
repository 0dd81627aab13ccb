package org.nucleon.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots the real Nucleon distribution (the tar.gz the assembly module built) with its own
 * free HTTP and ssh ports, and offers an HTTP client to it. Tests run inside that Karaf.
 */
public abstract class NucleonKarafTestSupport {
    /**
     * How long the distribution may take to finish its boot features. Karaf re-registers
     * BootFinished when its FeaturesService restarts after boot (configuration read late); on a
     * loaded machine that takes well over Pax Exam's default 10 s.
     */
    private static final long BOOT_TIMEOUT_MS = 180_000;

    /**
     * Why this container's boot did not finish, once a test found out; the class's other tests
     * then fail at once with the same reason instead of each waiting out the timeout again.
     */
    private static String bootFailure;

    /** Whether every Nucleon component of this container has had its services bound, once seen. */
    private static boolean componentsSettled;

    @Inject
    protected BundleContext bundleContext;

    private Http http;

    /** The one origin the test distributions allow cross-origin requests from. */
    protected static final String CORS_ORIGIN = "http://dashboard.example";

    /** The options every test distribution gets; subclasses may add their own. */
    protected static List<Option> baseOptions() {
        String dist = System.getProperty("nucleon.distribution");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        int httpPort = freePort();
        List<Option> o = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(new File(dist).toURI().toString())
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false).name("Nucleon"),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.WARN),
                systemTimeout(180_000),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(httpPort)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/system.properties", "nucleon.test.http.port", String.valueOf(httpPort)),
                editConfigurationFilePut("etc/org.nucleon.api.cfg", "cors.allowed_origin", CORS_ORIGIN),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                // What bin/karaf passes on Java 9+; without it every resolve logs OsgiLocator errors.
                vmOptions("--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.10.jar",
                        "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.10.jar",
                        "--add-opens", "java.base/java.security=ALL-UNNAMED",
                        "--add-opens", "java.base/java.net=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "--add-opens", "java.base/java.util=ALL-UNNAMED",
                        "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                        "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                        "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                        "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                        "-Xmx1g")));
        if (Boolean.getBoolean("nucleon.keepRuntime")) {
            // for a failure's post-mortem: target/exam/<uuid>/data/log/karaf.log stays
            o.add(keepRuntimeFolder());
        }
        return o;
    }

    @Before
    public void awaitBootFinished() throws Exception {
        if (bootFailure != null) {
            throw new AssertionError(bootFailure);
        }
        ServiceTracker<BootFinished, BootFinished> boot = new ServiceTracker<>(bundleContext, BootFinished.class, null);
        boot.open();
        try {
            if (boot.waitForService(BOOT_TIMEOUT_MS) == null) {
                bootFailure = withEvidence("Karaf did not finish its boot features within " + BOOT_TIMEOUT_MS / 1000
                        + " s.") + "\n" + startingThreads();
                throw new AssertionError(bootFailure);
            }
        } finally {
            boot.close();
        }
        awaitJackson();
    }

    /** Why the container failed, with the bundles not active and the end of karaf.log. */
    private String withEvidence(String why) {
        return why + "\n" + bundlesNotActive() + "karaf.log ends with:\n" + karafLogTail(60);
    }

    private String bundlesNotActive() {
        StringBuilder out = new StringBuilder();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                out.append("  not active (state ").append(b.getState()).append("): ").append(b.getLocation()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The stacks of the threads that start bundles or deploy persistence units: where a boot that
     * never finishes waits, which karaf.log does not say.
     */
    private static String startingThreads() {
        StringBuilder out = new StringBuilder("threads starting bundles or persistence units:\n");
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            String stack = Arrays.stream(t.getStackTrace()).map(f -> "    at " + f + "\n")
                    .collect(Collectors.joining());
            if (t.getThreadName().startsWith("features-") || stack.contains("org.nucleon.")
                    || stack.contains("org.eclipse.persistence.") || stack.contains("org.ops4j.pax.transx.")) {
                out.append("  \"").append(t.getThreadName()).append("\" ").append(t.getThreadState())
                        .append(t.getLockName() == null ? "" : " on " + t.getLockName())
                        .append(t.getLockOwnerName() == null ? "" : " held by \"" + t.getLockOwnerName() + '"')
                        .append('\n').append(stack);
            }
        }
        return out.toString();
    }

    private static String karafLogTail(int lines) {
        Path log = Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    /** Installs a feature live, without refreshing bundles that are already wired. */
    protected void installFeature(String name) throws Exception {
        onFeatures(f -> f.installFeature(name, NO_REFRESH));
    }

    /** Uninstalls a feature live, without refreshing bundles that are already wired. */
    protected void uninstallFeature(String name) throws Exception {
        onFeatures(f -> f.uninstallFeature(name, NO_REFRESH));
    }

    private interface FeatureCall {
        void on(FeaturesService features) throws Exception;
    }

    private static final EnumSet<FeaturesService.Option> NO_REFRESH =
            EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    /**
     * Karaf replaces its FeaturesService when its configuration is (re)read after boot; an
     * injected instance can then be a stopped one. So the current one is looked up per call,
     * and a call refused by a stopped instance is made again on its successor.
     */
    private void onFeatures(FeatureCall call) throws Exception {
        for (int attempt = 0; ; attempt++) {
            ServiceReference<FeaturesService> ref = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (ref == null && System.currentTimeMillis() < deadline) {
                ref = bundleContext.getServiceReference(FeaturesService.class);
                if (ref == null) {
                    Thread.sleep(50);
                }
            }
            if (ref == null) {
                throw new IllegalStateException("no FeaturesService registered");
            }
            FeaturesService features = bundleContext.getService(ref);
            try {
                call.on(features);
                return;
            } catch (RejectedExecutionException e) {
                if (attempt >= 5) {
                    throw e;
                }
                Thread.sleep(200);
            } finally {
                bundleContext.ungetService(ref);
            }
        }
    }

    /** Runs a Karaf shell command and returns what it printed. */
    protected String shell(String command) throws Exception {
        ServiceReference<SessionFactory> ref = bundleContext.getServiceReference(SessionFactory.class);
        if (ref == null) {
            throw new IllegalStateException("no Karaf shell SessionFactory registered");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = bundleContext.getService(ref).create(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            session.execute(command);
        } finally {
            session.close();
            bundleContext.ungetService(ref);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The installed bundle built from the given artifact, e.g. {@code nucleon-extensions}. */
    protected Bundle bundle(String artifact) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getLocation().contains("/" + artifact + "/")) {
                return b;
            }
        }
        throw new AssertionError(artifact + " is not installed");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project of requests without X-Project-Id under noauth. */
    protected static final String FAKE_PROJECT = "fake_project_id";

    /**
     * Lifts every quota of a project (-1 on each resource the server keeps one for), for tests
     * that create more than Neutron's defaults allow; waits for the quotas extension first.
     */
    protected static void unlimitedQuotas(Http api, String project) throws Exception {
        String path = "/v2.0/quotas/" + project;
        if (!Http.await(60_000, () -> api.get(path).status() == 200)) {
            throw new AssertionError(path + " not served within 60 s");
        }
        Map<String, Object> unlimited = new LinkedHashMap<>();
        ((Map<?, ?>) api.get(path).map().get("quota")).keySet().forEach(r -> unlimited.put((String) r, -1));
        Http.Answer a = api.put(path, Http.JSON.writeValueAsString(Map.of("quota", unlimited)));
        if (a.status() != 200) {
            throw new AssertionError("PUT " + path + ": " + a.status() + " " + a.text());
        }
    }

    /**
     * Http loads Jackson through the probe's dynamic import. During a refresh right after boot the
     * Jackson bundle is not there for a moment, and Felix fails a dynamic import that races a
     * refresh (see bundles/derby-imports); a class whose initialiser failed so stays failed. So
     * before any test uses Http, ObjectMapper is loaded here, uninitialised, until the import holds.
     */
    private void awaitJackson() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        Throwable last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, getClass().getClassLoader());
                return;
            } catch (ClassNotFoundException | LinkageError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the probe could not load Jackson's ObjectMapper within 60 s: " + last);
    }

    /**
     * Karaf's boot finishes when the bundles have started, but a plugin's components wait for its
     * persistence unit, which Aries JPA builds once the datasource has come through Config Admin;
     * on a loaded machine that is seconds later, and until then the server answers without those
     * extensions. So the first client of a container waits until no Nucleon component still waits
     * for a service. Later ones do not: a test may have taken a feature away on purpose.
     */
    private void awaitComponentsSettled() throws InterruptedException {
        if (componentsSettled) {
            return;
        }
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker =
                new ServiceTracker<>(bundleContext, ServiceComponentRuntime.class, null);
        tracker.open();
        try {
            ServiceComponentRuntime scr = tracker.waitForService(60_000);
            if (scr == null) {
                throw new AssertionError("no ServiceComponentRuntime within 60 s");
            }
            if (!Http.await(120_000, () -> componentsWaiting(scr).isEmpty())) {
                throw new AssertionError("Nucleon components still wait for services after 120 s: "
                        + componentsWaiting(scr));
            }
            componentsSettled = true;
        } finally {
            tracker.close();
        }
    }

    /** Each enabled Nucleon component that waits for a reference, with the references it waits for. */
    private List<String> componentsWaiting(ServiceComponentRuntime scr) {
        List<String> waiting = new ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("org.nucleon")) {
                continue;
            }
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                if (!scr.isComponentEnabled(d)) {
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        List<String> refs = new ArrayList<>();
                        for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
                            refs.add(r.name);
                        }
                        waiting.add(d.name + " " + refs);
                    }
                }
            }
        }
        return waiting;
    }

    /** A client for the distribution, once its components have settled and it serves networks. */
    protected Http api() throws InterruptedException {
        if (http == null) {
            awaitComponentsSettled();
            Http h = new Http("http://127.0.0.1:" + System.getProperty("nucleon.test.http.port"));
            String[] last = {"no answer"};
            if (!Http.await(60_000, () -> {
                Http.Answer a = h.get("/v2.0/networks");
                last[0] = a.status() + " " + a.text();
                return a.status() == 200;
            })) {
                bootFailure = withEvidence("Nucleon did not serve /v2.0/networks within 60 s; its last answer: "
                        + last[0]);
                throw new AssertionError(bootFailure);
            }
            http = h;
        }
        return http;
    }
}
