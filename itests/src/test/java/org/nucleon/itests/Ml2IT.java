package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * The ML2 plugin in the real distribution: ports created by many clients at once never share an
 * address or a MAC, and a mechanism driver bundle changes port binding live.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Ml2IT extends NucleonKarafTestSupport {
    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    private static String id(Http.Answer a, String member) {
        assertTrue(a.text(), a.status() == 201);
        return (String) ((Map<?, ?>) a.map().get(member)).get("id");
    }

    private String networkWithSubnet(Http api, String name, String cidr) throws Exception {
        String net = id(api.post("/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}"), "network");
        id(api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\": \""
                + cidr + "\"}}"), "subnet");
        return net;
    }

    @Test
    public void eightClientsCreate2000PortsWithoutSharingAnAddressOrMac() throws Exception {
        Http api = api();
        String net = networkWithSubnet(api, "many-ports", "10.40.0.0/21");
        int clients = 8;
        int perClient = 250;
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int n = c;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    try {
                        Http.Answer a = api.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + net
                                + "\", \"name\": \"c" + n + "-" + i + "\"}}");
                        if (a.status() == 201) {
                            created.add((String) ((Map<?, ?>) a.map().get("port")).get("id"));
                        } else if (a.status() == 409 && a.errorType() != null) {
                            conflicts.incrementAndGet();
                        } else {
                            failures.add(a.status() + " " + a.text());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(600_000);
        }
        assertTrue("only 201s and 409 NeutronErrors: " + failures, failures.isEmpty());
        List<?> stored = (List<?>) api.get("/v2.0/ports?network_id=" + net + "&fields=id&fields=mac_address"
                + "&fields=fixed_ips").map().get("ports");
        Set<Object> ids = new HashSet<>();
        Set<Object> macs = new HashSet<>();
        Set<Object> ips = new HashSet<>();
        for (Object o : stored) {
            Map<?, ?> p = (Map<?, ?>) o;
            ids.add(p.get("id"));
            assertTrue("duplicate MAC " + p.get("mac_address"), macs.add(p.get("mac_address")));
            for (Object ip : (List<?>) p.get("fixed_ips")) {
                assertTrue("duplicate address " + ip, ips.add(((Map<?, ?>) ip).get("ip_address")));
            }
        }
        assertTrue("every 201 is in the database", ids.containsAll(created));
        assertEquals("every 201, and nothing else, is in the database", created.size(), ids.size());
        assertEquals(clients * perClient, created.size() + conflicts.get());
        assertTrue("most creates succeed: " + created.size(), created.size() >= 1900);
    }

    @Test
    public void aMechanismDriverBundleBindsPortsLive() throws Exception {
        Http api = api();
        String net = networkWithSubnet(api, "bound", "10.50.0.0/24");
        String body = "{\"port\": {\"network_id\": \"" + net + "\", \"binding:host_id\": \"fake-host-1\"}}";
        assertEquals("binding_failed", vifType(api.post("/v2.0/ports", body)));

        installFeature("nucleon-example-mechanism-driver");
        assertTrue("bound once the driver is in", Http.await(10_000,
                () -> "fake".equals(vifType(api.post("/v2.0/ports", body)))));
        Http.Answer other = api.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + net
                + "\", \"binding:host_id\": \"real-host\"}}");
        assertEquals("the driver binds only its hosts", "binding_failed", vifType(other));

        Bundle driver = bundle("nucleon-example-mechanism-driver");
        driver.stop();
        assertEquals("binding_failed", vifType(api.post("/v2.0/ports", body)));
        driver.start();
        assertTrue(Http.await(10_000, () -> "fake".equals(vifType(api.post("/v2.0/ports", body)))));
    }

    private static String vifType(Http.Answer a) {
        return a.status() == 201 ? (String) ((Map<?, ?>) a.map().get("port")).get("binding:vif_type") : a.text();
    }
}
