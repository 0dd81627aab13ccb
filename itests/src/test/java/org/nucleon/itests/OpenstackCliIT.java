package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Debian's real {@code openstack} CLI (python3-openstackclient, no auth) against the running
 * distribution, with the machine's RabbitMQ for the agents: every command succeeds and its
 * output says what it should.
 */
public class OpenstackCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KarafProcess karaf;
    private static Path clouds;

    @BeforeClass
    public static void start() throws Exception {
        karaf = new KarafProcess("dist-cli");
        // the machine's broker, so that agents can report (AgentsRpcIT's client plays them)
        karaf.config("org.nucleon.agents", "transport_url = " + AgentsRpcIT.BROKER + "\n");
        karaf.start();
        clouds = Files.createTempFile("clouds", ".yaml");
        Files.writeString(clouds, "clouds:\n  nucleon:\n    auth_type: none\n    auth:\n      endpoint: "
                + karaf.baseUrl() + "/\n    network_endpoint_override: " + karaf.baseUrl()
                + "/\n    region_name: RegionOne\n");
    }

    @AfterClass
    public static void stop() throws Exception {
        karaf.close();
        Files.deleteIfExists(clouds);
    }

    /** Runs {@code openstack <args>}; fails the test unless it exits 0. Returns stdout. */
    static String openstack(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openstack"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OS_CLIENT_CONFIG_FILE", clouds.toString());
        pb.environment().put("OS_CLOUD", "nucleon");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue("openstack " + String.join(" ", args) + " timed out", p.waitFor(120, TimeUnit.SECONDS));
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertEquals("openstack " + String.join(" ", args) + ": " + new String(err, StandardCharsets.UTF_8), 0,
                p.exitValue());
        return stdout;
    }

    static Map<?, ?> json(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        return JSON.readValue(openstack(a.toArray(String[]::new)), Map.class);
    }

    static List<?> jsonList(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("-f", "json"));
        return JSON.readValue(openstack(a.toArray(String[]::new)), List.class);
    }

    @Test
    public void networkLifecycle() throws Exception {
        Map<?, ?> created = json("network", "create", "cli-net", "--disable");
        assertEquals("cli-net", created.get("name"));
        assertEquals(false, created.get("admin_state_up"));
        String id = (String) created.get("id");

        assertTrue(jsonList("network", "list").stream().anyMatch(n -> id.equals(((Map<?, ?>) n).get("ID"))));
        openstack("network", "set", "--name", "cli-net-2", "--enable", id);
        Map<?, ?> shown = json("network", "show", id);
        assertEquals("cli-net-2", shown.get("name"));
        assertEquals(true, shown.get("admin_state_up"));
        assertEquals("fake_project_id", shown.get("project_id"));

        openstack("network", "delete", id);
        assertTrue(jsonList("network", "list").stream().noneMatch(n -> id.equals(((Map<?, ?>) n).get("ID"))));
    }

    /**
     * Agents as the CLI shows and schedules them: a fresh network has no DHCP agent, a reporting
     * DHCP agent takes one by hand and gives it back; an L3 agent takes a router.
     */
    @Test
    public void networkAgents() throws Exception {
        String net = (String) json("network", "create", "cli-agents-net").get("id");
        assertEquals(List.of(), jsonList("network", "agent", "list", "--network", net));

        AgentsRpcIT.awaitServer();
        String dhcpHost = "cli-dhcp-" + java.util.UUID.randomUUID();
        assertEquals("new", AgentsRpcIT.report(dhcpHost, "dhcp", true));
        List<?> listed = jsonList("network", "agent", "list", "--host", dhcpHost);
        assertEquals(String.valueOf(listed), 1, listed.size());
        Map<?, ?> dhcp = (Map<?, ?>) listed.get(0);
        assertEquals("DHCP agent", dhcp.get("Agent Type"));
        assertEquals(true, dhcp.get("Alive"));
        String dhcpId = (String) dhcp.get("ID");

        openstack("network", "agent", "add", "network", "--dhcp", dhcpId, net);
        assertEquals(List.of(dhcpId), jsonList("network", "agent", "list", "--network", net).stream()
                .map(a -> ((Map<?, ?>) a).get("ID")).toList());
        openstack("network", "agent", "remove", "network", "--dhcp", dhcpId, net);
        assertEquals(List.of(), jsonList("network", "agent", "list", "--network", net));

        String l3Host = "cli-l3-" + java.util.UUID.randomUUID();
        assertEquals("new", AgentsRpcIT.report(l3Host, "l3", true));
        String l3Id = (String) ((Map<?, ?>) jsonList("network", "agent", "list", "--host", l3Host).get(0)).get("ID");
        String router = (String) json("router", "create", "cli-agents-router").get("id");
        openstack("network", "agent", "add", "router", "--l3", l3Id, router);
        assertEquals(List.of(l3Id), jsonList("network", "agent", "list", "--router", router).stream()
                .map(a -> ((Map<?, ?>) a).get("ID")).toList());
    }

    @Test
    public void ml2ResourcesThroughTheCli() throws Exception {
        Map<?, ?> vlan = json("network", "create", "--provider-network-type", "vlan", "--provider-physical-network",
                "physnet1", "--provider-segment", "150", "cli-vlan");
        assertEquals("vlan", vlan.get("provider:network_type"));
        assertEquals(150, vlan.get("provider:segmentation_id"));
        assertEquals(1500, vlan.get("mtu"));

        String net = (String) json("network", "create", "cli-ml2").get("id");
        Map<?, ?> v4 = json("subnet", "create", "--network", net, "--subnet-range", "10.60.0.0/24",
                "--allocation-pool", "start=10.60.0.100,end=10.60.0.150", "cli-sub4");
        assertEquals("10.60.0.0/24", v4.get("cidr"));
        assertEquals("10.60.0.1", v4.get("gateway_ip"));
        assertTrue(String.valueOf(v4.get("allocation_pools")).contains("10.60.0.150"));

        Map<?, ?> v6 = json("subnet", "create", "--network", net, "--ip-version", "6", "--subnet-range",
                "fd00:60::/64", "--ipv6-ra-mode", "slaac", "--ipv6-address-mode", "slaac", "cli-sub6");
        assertEquals(6, v6.get("ip_version"));
        assertEquals("slaac", v6.get("ipv6_address_mode"));

        Map<?, ?> pool = json("subnet", "pool", "create", "--pool-prefix", "10.70.0.0/16",
                "--default-prefix-length", "26", "cli-pool");
        assertEquals(26, pool.get("default_prefixlen"));
        // a network's subnets come from one pool or none
        String pooledNet = (String) json("network", "create", "cli-pooled-net").get("id");
        Map<?, ?> pooled = json("subnet", "create", "--network", pooledNet, "--subnet-pool", "cli-pool",
                "--prefix-length", "26", "cli-pooled");
        assertTrue(String.valueOf(pooled.get("cidr")).startsWith("10.70."));
        assertTrue(String.valueOf(pooled.get("cidr")).endsWith("/26"));

        Map<?, ?> auto = json("port", "create", "--network", net, "cli-port1");
        String autoIps = String.valueOf(auto.get("fixed_ips"));
        assertTrue(autoIps, autoIps.contains("10.60.0.") && autoIps.contains("fd00:60::"));
        // outside the allocation pool, which Neutron allows, so cli-port1's random pick cannot have taken it
        Map<?, ?> fixed = json("port", "create", "--network", net, "--fixed-ip",
                "subnet=cli-sub4,ip-address=10.60.0.20", "cli-port2");
        assertTrue(String.valueOf(fixed.get("fixed_ips")).contains("10.60.0.20"));
        assertEquals("DOWN", fixed.get("status"));

        Map<?, ?> sg = json("security", "group", "create", "cli-sg");
        assertEquals("cli-sg", sg.get("name"));
        Map<?, ?> rule = json("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22",
                "cli-sg");
        assertEquals("tcp", rule.get("protocol"));
        assertEquals(22, rule.get("port_range_min"));
        assertEquals(22, rule.get("port_range_max"));
        assertEquals("ingress", rule.get("direction"));
    }

    @Test
    public void serviceResourcesThroughTheCli() throws Exception {
        String ext = (String) json("network", "create", "--external", "cli-ext").get("id");
        json("subnet", "create", "--network", ext, "--subnet-range", "172.24.4.0/24", "cli-ext-sub");
        String inner = (String) json("network", "create", "cli-inner").get("id");
        String innerSub = (String) json("subnet", "create", "--network", inner, "--subnet-range", "10.80.0.0/24",
                "cli-inner-sub").get("id");
        String port = (String) json("port", "create", "--network", inner, "cli-vm-port").get("id");

        String router = (String) json("router", "create", "cli-router").get("id");
        openstack("router", "set", "--external-gateway", ext, router);
        Map<?, ?> withGateway = json("router", "show", router);
        assertTrue(String.valueOf(withGateway.get("external_gateway_info")).contains(ext));
        openstack("router", "add", "subnet", router, innerSub);
        // the next hop sits on the gateway's subnet, so the inner subnet can go again
        // add_extraroutes: the CLI prints the router it got back
        List<?> route = List.of(Map.of("destination", "10.99.0.0/24", "nexthop", "172.24.4.254"));
        assertEquals(route, json("router", "add", "route", "--route", "destination=10.99.0.0/24,gateway=172.24.4.254",
                router).get("routes"));
        assertEquals(route, json("router", "show", router).get("routes"));
        openstack("router", "remove", "subnet", router, innerSub);

        Map<?, ?> fip = json("floating", "ip", "create", ext);
        String fipId = (String) fip.get("id");
        assertTrue(String.valueOf(fip.get("floating_ip_address")).startsWith("172.24.4."));
        openstack("router", "add", "subnet", router, innerSub);
        openstack("floating", "ip", "set", "--port", port, fipId);
        assertEquals(port, json("floating", "ip", "show", fipId).get("port_id"));
        openstack("floating", "ip", "unset", "--port", fipId);
        assertEquals(null, json("floating", "ip", "show", fipId).get("port_id"));
        openstack("floating", "ip", "delete", fipId);
        openstack("router", "remove", "subnet", router, innerSub);
        assertEquals(List.of(), json("router", "remove", "route", "--route",
                "destination=10.99.0.0/24,gateway=172.24.4.254", router).get("routes"));
        assertEquals(List.of(), json("router", "show", router).get("routes"));
        openstack("router", "delete", router);

        Map<?, ?> meter = json("network", "meter", "create", "cli-meter");
        assertEquals("cli-meter", meter.get("name"));
        Map<?, ?> meterRule = json("network", "meter", "rule", "create", "--remote-ip-prefix", "10.0.0.0/24",
                "--ingress", "cli-meter");
        assertEquals("10.0.0.0/24", meterRule.get("remote_ip_prefix"));

        Map<?, ?> policy = json("network", "qos", "policy", "create", "cli-qos");
        Map<?, ?> rule = json("network", "qos", "rule", "create", "--type", "bandwidth-limit", "--max-kbps", "1000",
                "cli-qos");
        assertEquals(1000, rule.get("max_kbps"));
        openstack("port", "set", "--qos-policy", "cli-qos", port);
        assertEquals(policy.get("id"), json("port", "show", port).get("qos_policy_id"));
    }

    /** --target-all-projects needs no identity service; a named project would be looked up in Keystone. */
    @Test
    public void networkRbacLifecycle() throws Exception {
        String net = (String) json("network", "create", "cli-rbac-net").get("id");
        Map<?, ?> policy = json("network", "rbac", "create", "--type", "network", "--action", "access_as_shared",
                "--target-all-projects", net);
        String id = (String) policy.get("id");
        assertEquals("*", policy.get("target_project_id"));
        assertEquals(net, policy.get("object_id"));
        assertEquals(true, json("network", "show", net).get("shared"));
        assertTrue(jsonList("network", "rbac", "list").stream().anyMatch(r -> id.equals(((Map<?, ?>) r).get("ID"))));

        openstack("network", "rbac", "delete", id);
        assertTrue(jsonList("network", "rbac", "list").stream().noneMatch(r -> id.equals(((Map<?, ?>) r).get("ID"))));
        assertEquals(false, json("network", "show", net).get("shared"));
        openstack("network", "delete", net);
    }

    @Test
    public void flavorsAndAutoAllocationThroughTheCli() throws Exception {
        Map<?, ?> flavor = json("network", "flavor", "create", "--service-type", "L3_ROUTER_NAT", "--description",
                "gold routers", "cli-flavor");
        assertEquals("L3_ROUTER_NAT", flavor.get("service_type"));
        assertEquals(true, flavor.get("enabled"));
        String profile = (String) json("network", "flavor", "profile", "create", "--driver",
                "neutron.services.l3_router.service_providers.single_node.SingleNodeDriver").get("id");
        openstack("network", "flavor", "add", "profile", "cli-flavor", profile);
        assertTrue(String.valueOf(json("network", "flavor", "show", "cli-flavor").get("service_profile_ids"))
                .contains(profile));
        assertTrue(jsonList("network", "service", "provider", "list").stream()
                .anyMatch(p -> "single_node".equals(((Map<?, ?>) p).get("Name"))));

        // the CLI without auth cannot tell its project: name it, as with the reference Neutron
        String ext = (String) json("network", "create", "--external", "--default", "cli-auto-ext").get("id");
        json("subnet", "create", "--network", ext, "--subnet-range", "172.25.0.0/24", "cli-auto-ext-sub");
        json("subnet", "pool", "create", "--pool-prefix", "10.91.0.0/16", "--default-prefix-length", "26",
                "--default", "--share", "cli-default-pool");
        openstack("network", "auto", "allocated", "topology", "create", "--project", "cli-project",
                "--check-resources");
        Map<?, ?> topology = json("network", "auto", "allocated", "topology", "create", "--project", "cli-project");
        assertEquals("cli-project", topology.get("project_id"));
        String net = (String) topology.get("id");
        assertEquals("auto_allocated_network", json("network", "show", net).get("name"));
        assertEquals(net, json("network", "auto", "allocated", "topology", "create", "--project", "cli-project")
                .get("id"));
        openstack("network", "auto", "allocated", "topology", "delete", "--project", "cli-project");
        assertTrue(jsonList("network", "list").stream().noneMatch(n -> net.equals(((Map<?, ?>) n).get("ID"))));
    }
}
