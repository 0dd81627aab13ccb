package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Hot plug in the real distribution: the example vendor extension bundle is stopped and
 * started while four clients keep calling the API. Its alias and routes leave within a second
 * and come back with their data, and no client ever sees a 5xx or a connection error.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotPlugIT extends NucleonKarafTestSupport {
    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    @Test
    public void stoppingAndStartingAnExtensionBundleChangesTheApiLive() throws Exception {
        Http api = api();
        installFeature("nucleon-example-widgets");
        assertTrue("widgets extension listed after install", Http.await(30_000, () -> widgetsServed(api)));
        Set<String> ids = new TreeSet<>();
        for (String color : List.of("red", "green", "blue")) {
            Http.Answer a = api.post("/v2.0/widgets", "{\"widget\": {\"name\": \"w-" + color + "\", \"color\": \""
                    + color + "\"}}");
            assertEquals(a.text(), 201, a.status());
            ids.add((String) ((Map<?, ?>) a.map().get("widget")).get("id"));
        }
        Bundle bundle = bundle("nucleon-example-vendor-extension");
        assertTrue("the shell lists the extension", shell("nucleon:extensions").contains("widgets"));

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        Http.Answer a = switch (requests.incrementAndGet() % 4) {
                            case 0 -> api.get("/v2.0/widgets");
                            case 1 -> api.post("/v2.0/widgets", "{\"widget\": {\"name\": \"load-" + n + "\"}}");
                            case 2 -> api.get("/v2.0/extensions");
                            default -> api.get("/v2.0/networks?limit=5");
                        };
                        if (a.status() >= 500) {
                            failures.add(a.status() + " " + a.text());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "client-" + i);
            t.start();
            clients.add(t);
        }
        try {
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                bundle.stop();
                assertTrue("alias and routes gone within 1 s", Http.await(1000, () -> !widgetsServed(api)
                        && api.get("/v2.0/widgets").status() == 404));
                long goneMillis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue("gone in " + goneMillis + " ms", goneMillis <= 1000);
                assertEquals(404, api.get("/v2.0/widgets/" + ids.iterator().next()).status());
                assertTrue(!shell("nucleon:extensions").contains("widgets"));

                bundle.start();
                assertTrue("alias and routes back", Http.await(10_000, () -> widgetsServed(api)));
                Set<String> back = new TreeSet<>();
                for (Object w : (List<?>) api.get("/v2.0/widgets?name=w-red&name=w-green&name=w-blue").map()
                        .get("widgets")) {
                    back.add((String) ((Map<?, ?>) w).get("id"));
                }
                assertEquals("data intact after restart of the bundle", ids, back);
            }
        } finally {
            running.set(false);
            for (Thread t : clients) {
                t.join(10_000);
            }
        }
        assertTrue("requests were made: " + requests.get(), requests.get() > 100);
        assertTrue("no 5xx and no connection errors: " + failures, failures.isEmpty());
    }

    @Test
    public void theCoreApiWorksWithoutTheExtensionsBundle() throws Exception {
        Http api = api();
        String id = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"plain\"}}").map()
                .get("network")).get("id");
        assertTrue(((Map<?, ?>) api.get("/v2.0/networks/" + id).map().get("network")).containsKey("created_at"));
        Bundle extensions = bundle("nucleon-extensions");
        assertEquals("nothing waits for the extensions bundle while it runs", null,
                inactive().get("security-group"));
        extensions.stop();
        try {
            assertTrue("timestamps leave with their extension", Http.await(1000, () -> {
                Http.Answer a = api.get("/v2.0/networks/" + id);
                return a.status() == 200 && !((Map<?, ?>) a.map().get("network")).containsKey("created_at")
                        && api.get("/v2.0/extensions/standard-attr-timestamp").status() == 404;
            }));
            assertEquals(201, api.post("/v2.0/networks", "{\"network\": {\"name\": \"still\"}}").status());
            // the operator asks the shell why security groups left: Neutron's security-group requires
            // standard-attr-description, which only the stopped bundle supplies
            Map<String, String> inactive = inactive();
            assertEquals(inactive.toString(), "requires extension 'standard-attr-description', which is not loaded",
                    inactive.get("security-group"));
            assertEquals(inactive.toString(), "requires extension 'security-group', which is inactive",
                    inactive.get("rbac-security-groups"));
            assertEquals(404, api.get("/v2.0/extensions/security-group").status());
        } finally {
            extensions.start();
        }
        assertTrue(Http.await(10_000, () -> ((Map<?, ?>) api.get("/v2.0/networks/" + id).map().get("network"))
                .containsKey("revision_number")));
    }


    /** What {@code nucleon:extensions -i} prints, its inactive section only: alias to reason. */
    private Map<String, String> inactive() throws Exception {
        String out = shell("nucleon:extensions -i");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(out, "Inactive:", lines.get(0));
        Map<String, String> inactive = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] aliasAndReason = line.trim().split("\\s+", 2);
            assertEquals(out, 2, aliasAndReason.length);
            inactive.put(aliasAndReason[0], aliasAndReason[1]);
        }
        return inactive;
    }

    private static boolean widgetsServed(Http api) throws java.io.IOException, InterruptedException {
        return api.get("/v2.0/extensions/widgets").status() == 200 && api.get("/v2.0/widgets").status() == 200;
    }
}
