package org.nucleon.ml2;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.ml2.TestCallbacks.EventLog;
import org.nucleon.ml2.mechanism.RecordingDriver;
import org.nucleon.ml2.port.PortEntity;
import org.nucleon.ml2.subnet.SubnetEntity;

/** Neutron's resource callbacks as the ML2 handlers publish them, and what a veto leaves. */
public class Ml2EventsTest {
    private final Ml2Fixture f = new Ml2Fixture();

    @After
    public void tearDown() {
        f.close();
    }

    private static List<String> lifecycle(String resource, String id) {
        List<String> out = new ArrayList<>();
        out.add(resource + " BEFORE_CREATE null");
        for (String e : List.of("PRECOMMIT_CREATE", "AFTER_CREATE", "BEFORE_UPDATE", "PRECOMMIT_UPDATE",
                "AFTER_UPDATE", "BEFORE_DELETE", "PRECOMMIT_DELETE", "AFTER_DELETE")) {
            out.add(resource + " " + e + " " + id);
        }
        return out;
    }

    @Test
    public void networksSubnetsAndPortsPublishEveryEventInOrder() {
        String net = f.network("n");
        EventLog log = EventLog.of(f.callbacks, "network", "subnet", "port");
        String other = f.network("other");
        f.networks.update(TestJpa.ADMIN, other, body("name", "o2"));
        f.networks.delete(TestJpa.ADMIN, other);
        assertEquals(lifecycle("network", other), log.lines());

        log.clear();
        String subnet = (String) f.subnet(net, 4, "cidr", "10.0.0.0/24").get("id");
        f.subnets.update(TestJpa.ADMIN, subnet, body("name", "s2"));
        String port = (String) f.port(net).get("id");
        f.ports.update(TestJpa.ADMIN, port, body("name", "p2"));
        f.ports.delete(TestJpa.ADMIN, port);
        f.subnets.delete(TestJpa.ADMIN, subnet);
        List<String> expected = new ArrayList<>(lifecycle("subnet", subnet).subList(0, 6));
        expected.addAll(lifecycle("port", port));
        expected.addAll(lifecycle("subnet", subnet).subList(6, 9));
        assertEquals(expected, log.lines());
        ResourceEvent update = log.events().get(4);
        assertEquals("", update.original().get("name"));
        assertEquals("s2", update.state().get("name"));
        assertEquals(Map.of("name", "s2"), update.request());
    }

    @Test
    public void securityGroupsAndRulesPublishEveryEventInOrderAndTheDefaultGroupItsCreation() {
        EventLog log = EventLog.of(f.callbacks, "security_group", "security_group_rule");
        String net = f.network("n");
        String dflt = f.groups.ensureDefault(TestJpa.ADMIN, "p1");
        assertEquals("the first network of a project creates its default group", List.of(
                "security_group BEFORE_CREATE null", "security_group PRECOMMIT_CREATE " + dflt,
                "security_group AFTER_CREATE " + dflt), log.lines());
        assertEquals("default", log.events().get(2).state().get("name"));
        assertEquals(4, ((List<?>) log.events().get(2).state().get("security_group_rules")).size());
        f.subnet(net, 4, "cidr", "10.0.0.0/24");
        assertEquals(List.of(dflt), f.port(net).get("security_groups"));
        assertEquals("known, it is not created again", 3, log.lines().size());

        log.clear();
        String group = (String) f.securityGroups.create(TestJpa.ADMIN, body("name", "web", "description", "",
                "tenant_id", "p1")).get("id");
        String rule = (String) f.securityGroupRules.create(TestJpa.ADMIN, body("security_group_id", group,
                "tenant_id", "p1", "direction", "ingress", "ethertype", "IPv4", "protocol", "tcp",
                "port_range_min", 80, "port_range_max", 80, "remote_ip_prefix", null, "remote_group_id", null,
                "description", "")).get("id");
        f.securityGroupRules.update(TestJpa.ADMIN, rule, body("description", "http"));
        f.securityGroupRules.delete(TestJpa.ADMIN, rule);
        f.securityGroups.update(TestJpa.ADMIN, group, body("name", "web2"));
        f.securityGroups.delete(TestJpa.ADMIN, group);
        List<String> expected = new ArrayList<>(lifecycle("security_group", group).subList(0, 3));
        expected.addAll(lifecycle("security_group_rule", rule));
        expected.addAll(lifecycle("security_group", group).subList(3, 9));
        assertEquals(expected, log.lines());
        assertEquals(80, log.events().get(4).state().get("port_range_min"));
    }

    @Test
    public void aPrecommitVetoOnPortCreateLeavesNoPortAndNoAddress() {
        String net = f.network("n");
        f.subnet(net, 4, "cidr", "10.0.0.0/24");
        RecordingDriver d = new RecordingDriver("vetoes").veto("create_port_precommit");
        f.mechanisms.bindDriver(d, Map.of());
        expect("Vetoed", () -> f.port(net, "fixed_ips", List.of(Map.of("ip_address", "10.0.0.7"))));
        assertEquals(List.of("create_port_precommit"), d.calls().stream().map(RecordingDriver.Call::method).toList());
        assertEquals(0L, count("PortEntity"));
        assertEquals(0L, count("IpAllocationEntity"));
        f.mechanisms.unbindDriver(d);
        assertEquals("the address was never taken", "10.0.0.7", ((Map<?, ?>) ((List<?>) f.port(net, "fixed_ips",
                List.of(Map.of("ip_address", "10.0.0.7"))).get("fixed_ips")).get(0)).get("ip_address"));
    }

    @Test
    public void aBeforeVetoOnPortCreateLeavesNothingEither() {
        String net = f.network("n");
        f.subnet(net, 4, "cidr", "10.0.0.0/24");
        TestCallbacks.subscribe(f.callbacks, e -> {
            throw NeutronException.conflict("Vetoed", "no ports");
        }, List.of("port"), List.of("before_create"), null);
        expect("Vetoed", () -> f.port(net));
        assertEquals(0L, count("PortEntity"));
        assertEquals(0L, count("IpAllocationEntity"));
    }

    @Test
    public void vetoesOnNetworkDeleteLeaveTheNetworkItsSubnetsAndItsDhcpPort() {
        String net = f.network("n");
        String subnet = (String) f.subnet(net, 4, "cidr", "10.0.0.0/24").get("id");
        String dhcp = (String) f.port(net, "device_owner", "network:dhcp").get("id");
        RecordingDriver d = new RecordingDriver("vetoes").veto("delete_network_precommit");
        f.mechanisms.bindDriver(d, Map.of());
        expect("Vetoed", () -> f.networks.delete(TestJpa.ADMIN, net));
        assertEquals("the cascade ran in the transaction the veto rolled back", List.of(
                "delete_port_precommit " + dhcp, "delete_subnet_precommit " + subnet, "delete_network_precommit " + net),
                d.lines());
        assertStillThere(net, subnet, dhcp);
        f.mechanisms.unbindDriver(d);

        TestCallbacks.subscribe(f.callbacks, e -> {
            throw NeutronException.conflict("Vetoed", "keep it");
        }, List.of("network"), List.of("before_delete"), null);
        expect("Vetoed", () -> f.networks.delete(TestJpa.ADMIN, net));
        assertStillThere(net, subnet, dhcp);
    }

    private void assertStillThere(String net, String subnet, String dhcp) {
        assertEquals(List.of(subnet), f.networks.get(TestJpa.ADMIN, net).get("subnets"));
        assertNotNull(f.subnets.get(TestJpa.ADMIN, subnet));
        assertEquals(1, ((List<?>) f.ports.get(TestJpa.ADMIN, dhcp).get("fixed_ips")).size());
        assertEquals(1L, count("IpAllocationEntity"));
    }

    @Test
    public void networkDeleteDeletesItsDhcpPortsAndSubnetsWithTheirOwnEventsAfterCommit() {
        String net = f.network("n");
        String v4 = (String) f.subnet(net, 4, "cidr", "10.0.0.0/24").get("id");
        String v6 = (String) f.subnet(net, 6, "cidr", "fd00::/64").get("id");
        String dhcp = (String) f.port(net, "device_owner", "network:dhcp").get("id");
        RecordingDriver d = new RecordingDriver("recorder");
        f.mechanisms.bindDriver(d, Map.of());
        EventLog log = EventLog.of(f.callbacks, "network", "subnet", "port");
        List<String> seenAfter = new ArrayList<>();
        // an AFTER subscriber finds the row gone: it runs after the commit
        TestCallbacks.subscribe(f.callbacks, e -> {
            Class<?> type = e.resource().equals("port") ? PortEntity.class : SubnetEntity.class;
            seenAfter.add(e.resource() + (f.jpa.txExpr(em -> em.find(type, e.id())) == null ? " gone" : " there"));
        }, List.of("subnet", "port"), List.of("after_delete"), null);

        f.networks.delete(TestJpa.ADMIN, net);
        assertEquals(List.of("network BEFORE_DELETE " + net, "port PRECOMMIT_DELETE " + dhcp,
                "subnet PRECOMMIT_DELETE " + v4, "subnet PRECOMMIT_DELETE " + v6, "network PRECOMMIT_DELETE " + net,
                "port AFTER_DELETE " + dhcp, "subnet AFTER_DELETE " + v4, "subnet AFTER_DELETE " + v6,
                "network AFTER_DELETE " + net), log.lines());
        assertEquals(List.of("port gone", "subnet gone", "subnet gone"), seenAfter);
        assertEquals(List.of("delete_port_precommit " + dhcp, "delete_subnet_precommit " + v4,
                "delete_subnet_precommit " + v6, "delete_network_precommit " + net, "delete_port_postcommit " + dhcp,
                "delete_subnet_postcommit " + v4, "delete_subnet_postcommit " + v6,
                "delete_network_postcommit " + net), d.lines());
        assertEquals("network:dhcp", log.events().get(1).state().get("device_owner"));
        assertEquals(0L, count("PortEntity") + count("SubnetEntity") + count("IpAllocationEntity"));
        assertTrue(f.networks.list(TestJpa.ADMIN, ListQuery.all()).isEmpty());
    }

    private long count(String entity) {
        return f.jpa.txExpr(em -> em.createQuery("SELECT COUNT(e) FROM " + entity + " e", Long.class)
                .getSingleResult());
    }
}
