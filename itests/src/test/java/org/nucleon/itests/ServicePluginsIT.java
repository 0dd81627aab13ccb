package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Service plugins in a running server: uninstalling a service feature takes its aliases, routes
 * and the attributes it adds to core resources away within a second; installing it again brings
 * them back with the data made before; updating its bundle under four clients fails no request.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServicePluginsIT extends NucleonKarafTestSupport {
    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    /** The load test creates networks without end; the default quota of 100 would refuse the others'. */
    @Before
    public void liftQuotas() throws Exception {
        unlimitedQuotas(api(), FAKE_PROJECT);
    }

    private static String create(Http api, String path, String member, String body) throws Exception {
        Http.Answer a = api.post(path, body);
        assertEquals(a.text(), 201, a.status());
        return (String) ((Map<?, ?>) a.map().get(member)).get("id");
    }

    private static boolean gone(Http api, String alias, String path) throws IOException, InterruptedException {
        return api.get("/v2.0/extensions/" + alias).status() == 404 && api.get(path).status() == 404;
    }

    @Test
    public void meteringComesAndGoesWithItsFeature() throws Exception {
        Http api = api();
        String label = create(api, "/v2.0/metering/metering-labels", "metering_label",
                "{\"metering_label\": {\"name\": \"kept\"}}");
        long t0 = System.nanoTime();
        uninstallFeature("nucleon-service-metering");
        assertTrue(Http.await(1000, () -> gone(api, "metering", "/v2.0/metering/metering-labels")));
        assertTrue("gone within 1 s", (System.nanoTime() - t0) / 1_000_000 < 1500);
        assertEquals("the core API goes on", 200, api.get("/v2.0/networks").status());
        installFeature("nucleon-service-metering");
        assertTrue(Http.await(15_000, () -> api.get("/v2.0/metering/metering-labels/" + label).status() == 200));
    }

    @Test
    public void qosPolicyIdLeavesNetworksWithTheQosFeature() throws Exception {
        Http api = api();
        String policy = create(api, "/v2.0/qos/policies", "policy", "{\"policy\": {\"name\": \"kept\"}}");
        String net = create(api, "/v2.0/networks", "network", "{\"network\": {\"name\": \"with-qos\", "
                + "\"qos_policy_id\": \"" + policy + "\"}}");
        assertEquals(policy, network(api, net).get("qos_policy_id"));
        uninstallFeature("nucleon-service-qos");
        assertTrue(Http.await(1000, () -> gone(api, "qos", "/v2.0/qos/policies")
                && !network(api, net).containsKey("qos_policy_id")));
        assertEquals("an unknown attribute without its extension", 400, api.put("/v2.0/networks/" + net,
                "{\"network\": {\"qos_policy_id\": null}}").status());
        installFeature("nucleon-service-qos");
        assertTrue("the binding made before is back", Http.await(15_000,
                () -> policy.equals(network(api, net).get("qos_policy_id"))));
        assertEquals(409, api.delete("/v2.0/qos/policies/" + policy).status());
    }

    @Test
    public void routersComeAndGoWithTheirFeatureAndGuardTheNetworksTheyUse() throws Exception {
        Http api = api();
        String ext = create(api, "/v2.0/networks", "network", "{\"network\": {\"name\": \"ext\", "
                + "\"router:external\": true}}");
        create(api, "/v2.0/subnets", "subnet", "{\"subnet\": {\"network_id\": \"" + ext + "\", \"ip_version\": 4, "
                + "\"cidr\": \"172.30.0.0/24\"}}");
        String router = create(api, "/v2.0/routers", "router", "{\"router\": {\"name\": \"kept\", "
                + "\"external_gateway_info\": {\"network_id\": \"" + ext + "\"}}}");
        assertEquals("a network a router uses stays", 409, api.delete("/v2.0/networks/" + ext).status());
        uninstallFeature("nucleon-service-router");
        assertTrue(Http.await(1000, () -> gone(api, "router", "/v2.0/routers")));
        assertEquals(200, api.get("/v2.0/networks/" + ext).status());
        installFeature("nucleon-service-router");
        assertTrue("the router made before is back", Http.await(15_000,
                () -> api.get("/v2.0/routers/" + router).status() == 200));
        assertEquals(409, api.delete("/v2.0/networks/" + ext).status());
    }

    @Test
    public void updatingServiceBundlesUnderLoadFailsNoRequest() throws Exception {
        Http api = api();
        String label = create(api, "/v2.0/metering/metering-labels", "metering_label",
                "{\"metering_label\": {\"name\": \"during-update\"}}");
        String policy = create(api, "/v2.0/qos/policies", "policy", "{\"policy\": {\"name\": \"during-update\"}}");
        String router = create(api, "/v2.0/routers", "router", "{\"router\": {\"name\": \"during-update\"}}");
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        Http.Answer a = switch (requests.incrementAndGet() % 5) {
                            case 0 -> api.get("/v2.0/metering/metering-labels");
                            case 1 -> api.get("/v2.0/qos/policies/" + policy);
                            case 2 -> api.post("/v2.0/networks", "{\"network\": {\"name\": \"load\"}}");
                            case 3 -> api.get("/v2.0/routers/" + router);
                            default -> api.get("/v2.0/networks?limit=5");
                        };
                        if (a.status() >= 500) {
                            failures.add(a.status() + " " + a.text());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        try {
            for (String artifact : List.of("nucleon-service-metering", "nucleon-service-qos",
                    "nucleon-service-router")) {
                bundle(artifact).update();
                Thread.sleep(1500);
            }
            assertTrue(Http.await(15_000, () -> api.get("/v2.0/metering/metering-labels/" + label).status() == 200
                    && api.get("/v2.0/qos/policies/" + policy).status() == 200
                    && api.get("/v2.0/routers/" + router).status() == 200));
        } finally {
            running.set(false);
            for (Thread t : clients) {
                t.join(10_000);
            }
        }
        assertTrue("requests were made: " + requests.get(), requests.get() > 100);
        assertTrue("no 5xx and no connection errors: " + failures, failures.isEmpty());
    }

    private static Map<?, ?> network(Http api, String id) throws IOException, InterruptedException {
        return (Map<?, ?>) api.get("/v2.0/networks/" + id).map().get("network");
    }
}
