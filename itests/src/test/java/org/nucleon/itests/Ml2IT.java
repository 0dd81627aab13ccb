package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The ML2 plugin in the real distribution: ports created by many clients at once never share an
 * address or a MAC, and a mechanism driver bundle changes port binding live and is called, as its
 * shell command shows, for every change of networks, subnets and ports. The embedded Derby it
 * stores in has the JDK packages it loads wired as imports.
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
        // Neutron's default quota is 500 ports a project
        unlimitedQuotas(api, FAKE_PROJECT);
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
        // longer than a page (1,000), so read and written page by page: in order, each port once
        assertOrdered(stored, "id", 1);
        List<?> byName = (List<?>) api.get("/v2.0/ports?network_id=" + net + "&sort_key=name&sort_dir=desc"
                + "&fields=name").map().get("ports");
        assertEquals(created.size(), byName.size());
        assertOrdered(byName, "name", -1);
    }

    /** Each item's attribute strictly after the one before, ascending (1) or descending (-1). */
    private static void assertOrdered(List<?> items, String attribute, int direction) {
        for (int i = 1; i < items.size(); i++) {
            String before = (String) ((Map<?, ?>) items.get(i - 1)).get(attribute);
            String item = (String) ((Map<?, ?>) items.get(i)).get(attribute);
            assertTrue(before + " then " + item + " at " + i, Integer.signum(item.compareTo(before)) == direction);
        }
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
        theDriverIsCalledForEveryChange(api);
    }

    /**
     * What {@code example:mechanism-calls} shows after each kind of change of a network, a subnet
     * and a port, and after a network delete that takes its DHCP port and subnet with it.
     */
    private void theDriverIsCalledForEveryChange(Http api) throws Exception {
        String net = id(api.post("/v2.0/networks", "{\"network\": {\"name\": \"calls\"}}"), "network");
        assertEquals(200, api.put("/v2.0/networks/" + net, "{\"network\": {\"name\": \"calls-2\"}}").status());
        String subnet = id(api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"10.51.0.0/24\"}}"), "subnet");
        assertEquals(200, api.put("/v2.0/subnets/" + subnet, "{\"subnet\": {\"name\": \"s\"}}").status());
        String port = id(api.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + net
                + "\", \"binding:host_id\": \"fake-host-2\"}}"), "port");
        assertEquals(200, api.put("/v2.0/ports/" + port, "{\"port\": {\"name\": \"p\"}}").status());
        assertEquals(204, api.delete("/v2.0/ports/" + port).status());
        assertEquals(204, api.delete("/v2.0/subnets/" + subnet).status());
        assertEquals(204, api.delete("/v2.0/networks/" + net).status());
        List<String> expected = new ArrayList<>();
        for (String[] step : new String[][] {{"create_network", net}, {"update_network", net},
                {"create_subnet", subnet}, {"update_subnet", subnet}, {"bind_port", port}, {"create_port", port},
                {"update_port", port}, {"delete_port", port}, {"delete_subnet", subnet}, {"delete_network", net}}) {
            if (step[0].equals("bind_port")) {
                expected.add("bind_port " + port);
            } else {
                expected.add(step[0] + "_precommit " + step[1]);
                expected.add(step[0] + "_postcommit " + step[1]);
            }
        }
        assertEquals(expected, mechanismCalls(Set.of(net, subnet, port)));

        String cascade = networkWithSubnet(api, "cascade", "10.52.0.0/24");
        String cascadeSubnet = (String) ((List<?>) ((Map<?, ?>) api.get("/v2.0/networks/" + cascade).map()
                .get("network")).get("subnets")).get(0);
        String dhcp = id(api.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + cascade
                + "\", \"device_owner\": \"network:dhcp\"}}"), "port");
        assertEquals(204, api.delete("/v2.0/networks/" + cascade).status());
        assertEquals(List.of("delete_port_precommit " + dhcp, "delete_subnet_precommit " + cascadeSubnet,
                "delete_network_precommit " + cascade, "delete_port_postcommit " + dhcp,
                "delete_subnet_postcommit " + cascadeSubnet, "delete_network_postcommit " + cascade),
                mechanismCalls(Set.of(cascade, cascadeSubnet, dhcp)).stream().filter(c -> c.startsWith("delete_"))
                        .toList());
    }

    /** The example driver's recorded calls about these resources, oldest first, as the shell shows them. */
    private List<String> mechanismCalls(Set<String> ids) throws Exception {
        return shell("example:mechanism-calls").lines().map(String::strip)
                .filter(line -> ids.contains(line.substring(line.indexOf(' ') + 1))).toList();
    }

    /**
     * Derby declares no imports, only DynamicImport-Package: *, and a dynamic import that races a
     * refresh fails for good (pax-jdbc-derby then stays unstarted). The nucleon-derby-imports
     * fragment declares what Derby loads from the JDK and the framework, so those are wired when
     * Derby resolves, as ordinary imports.
     */
    @Test
    public void derbyHasTheJdkPackagesItLoadsWiredAsImportsNotDynamically() {
        BundleWiring wiring = bundle("derby").adapt(BundleWiring.class);
        Set<String> imported = new TreeSet<>();
        for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (!PackageNamespace.RESOLUTION_DYNAMIC.equals(
                    wire.getRequirement().getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                imported.add((String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
            }
        }
        assertTrue(imported.toString(), imported.containsAll(
                List.of("javax.naming", "javax.naming.spi", "javax.sql", "org.osgi.framework")));
    }

    private static String vifType(Http.Answer a) {
        return a.status() == 201 ? (String) ((Map<?, ?>) a.map().get("port")).get("binding:vif_type") : a.text();
    }
}
