package org.nucleon.ml2.port;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.ml2.Ml2Fixture;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.MechanismDriver;
import org.nucleon.ml2.spi.PortBinding;

public class PortHandlerTest {
    private Ml2Fixture f;
    private String net;
    private String subnet;

    @Before
    public void setUp() {
        f = new Ml2Fixture();
        net = f.network("n1");
        subnet = (String) f.subnet(net, 4, "cidr", "10.0.0.0/24").get("id");
    }

    @After
    public void tearDown() {
        f.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fixedIps(Map<String, Object> port) {
        return (List<Map<String, Object>>) port.get("fixed_ips");
    }

    @Test
    public void createGivesMacAddressDefaultGroupAndStatus() {
        Map<String, Object> p = f.port(net);
        assertTrue(((String) p.get("mac_address")).startsWith("fa:16:3e:"));
        assertEquals(subnet, fixedIps(p).get(0).get("subnet_id"));
        assertEquals("DOWN", p.get("status"));
        assertEquals(true, p.get("port_security_enabled"));
        assertEquals(1, ((List<?>) p.get("security_groups")).size());
        assertEquals("unbound", p.get("binding:vif_type"));
        assertEquals(1L, p.get("revision_number"));
    }

    @Test
    public void bindingProfileRoundTripsAndAllocationIsImmediate() {
        Map<String, Object> profile = Map.of("pci_slot", "0000:0a:00.1", "capabilities", List.of("switchdev"),
                "local_link_information", List.of(Map.of("switch_id", "aa:bb:cc:dd:ee:ff", "port_id", "Eth1/3")));
        Map<String, Object> p = f.port(net, "binding:profile", profile);
        String id = (String) p.get("id");
        assertEquals(profile, p.get("binding:profile"));
        assertEquals("immediate", p.get("ip_allocation"));
        assertEquals(profile, f.ports.get(TestJpa.ADMIN, id).get("binding:profile"));
        assertEquals("immediate", f.ports.get(TestJpa.ADMIN, id).get("ip_allocation"));
        Map<String, Object> trusted = Map.of("trusted", true);
        assertEquals(trusted, f.ports.update(TestJpa.ADMIN, id, body("binding:profile", trusted)).get("binding:profile"));
        assertEquals(List.of(trusted), f.ports.list(TestJpa.ADMIN, ListQuery.all()).stream()
                .filter(x -> x.get("id").equals(id)).map(x -> x.get("binding:profile")).toList());
        Map<String, Object> plain = f.port(net);
        assertEquals(Map.of(), plain.get("binding:profile"));
        assertEquals("immediate", plain.get("ip_allocation"));
    }

    @Test
    public void macAddressesComeFromTheConfiguredBaseMac() {
        f.ports.activate(Map.of("base_mac", "fa:16:3f:4e:00:00"));
        Set<Object> macs = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String mac = (String) f.port(net).get("mac_address");
            assertTrue(mac, mac.matches("fa:16:3f:4e(:[0-9a-f]{2}){2}"));
            macs.add(mac);
        }
        assertEquals(5, macs.size());
        // as Neutron, a fourth octet of 00 is random too
        f.ports.activate(Map.of("base_mac", "02:aa:bb:00:00:00"));
        Set<String> fourth = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String mac = (String) f.port(net).get("mac_address");
            assertTrue(mac, mac.matches("02:aa:bb(:[0-9a-f]{2}){3}"));
            fourth.add(mac.substring(9, 11));
        }
        assertTrue("the fourth octet varies: " + fourth, fourth.size() > 1);
    }

    /**
     * With a fourth octet of its own a base MAC leaves 65,536 MACs: 1,000 random ones collide about
     * eight times, so a bulk that did not draw again on a taken MAC failed in every attempt.
     */
    @Test
    public void aBulkDrawsAgainForAMacItAlreadyGave() {
        f.ports.activate(Map.of("base_mac", "fa:16:3e:4e:00:00"));
        String big = f.network("big");
        f.subnet(big, 4, "cidr", "10.8.0.0/20");
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> b = body("network_id", big, "tenant_id", "p1", "name", "", "admin_state_up", true,
                    "device_id", "", "device_owner", "network:dhcp", "binding:vnic_type", "normal",
                    "extra_dhcp_opts", null);
            bodies.add(b);
        }
        List<Map<String, Object>> created = f.ports.createBulk(TestJpa.ADMIN, bodies);
        assertEquals(1000, created.stream().map(p -> p.get("mac_address")).distinct().count());
    }

    /**
     * A bulk's items leave the persistence context as they are written (each flush compared every
     * earlier one again); shows and a later update still see each as the bulk answered it.
     */
    @Test
    public void aBulkShowsAndKeepsWhatItAnswered() {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bodies.add(body("network_id", net, "tenant_id", "p1", "name", "bulk-" + i, "admin_state_up", true,
                    "device_id", "", "device_owner", "", "binding:vnic_type", "normal",
                    "extra_dhcp_opts", List.of(body("opt_name", "mtu", "opt_value", "1400")),
                    "allowed_address_pairs", List.of(body("ip_address", "10.9.0." + i))));
        }
        List<Map<String, Object>> created = f.ports.createBulk(TestJpa.ADMIN, bodies);
        assertEquals(3, created.stream().map(p -> fixedIps(p).get(0).get("ip_address")).distinct().count());
        for (Map<String, Object> p : created) {
            assertEquals(p, f.ports.get(TestJpa.ADMIN, (String) p.get("id")));
        }
        String first = (String) created.get(0).get("id");
        f.ports.update(TestJpa.ADMIN, first, body("name", "renamed"));
        assertEquals("renamed", f.ports.get(TestJpa.ADMIN, first).get("name"));
        assertEquals(3, f.ports.list(TestJpa.ADMIN, ListQuery.all()).size());
    }

    @Test
    public void networkOwnedPortsGetNoGroupAndNoPortSecurity() {
        Map<String, Object> dhcp = f.port(net, "device_owner", "network:dhcp");
        assertEquals(false, dhcp.get("port_security_enabled"));
        assertEquals(List.of(), dhcp.get("security_groups"));
        assertEquals("10.0.0.2", fixedIps(dhcp).get(0).get("ip_address"));
    }

    @Test
    public void macAndAddressConflicts() {
        f.port(net, "mac_address", "fa:16:3e:00:00:01", "fixed_ips", List.of(body("ip_address", "10.0.0.50")));
        expect("MacAddressInUse", () -> f.port(net, "mac_address", "fa:16:3e:00:00:01"));
        expect("IpAddressAlreadyAllocated", () -> f.port(net, "fixed_ips", List.of(body("ip_address", "10.0.0.50"))));
        expect("NetworkNotFound", () -> f.port("00000000-0000-0000-0000-000000000000"));
        // nothing half-made was left behind
        assertEquals(1, f.ports.list(TestJpa.ADMIN, ListQuery.all()).size());
    }

    @Test
    public void failedCreateGivesItsAddressBack() {
        expect("SecurityGroupNotFound", () -> f.port(net, "device_owner", "network:dhcp", "port_security_enabled",
                true, "security_groups", List.of("11111111-2222-3333-4444-555555555555")));
        assertEquals("10.0.0.2", fixedIps(f.port(net, "device_owner", "network:dhcp")).get(0).get("ip_address"));
    }

    /** The project's default group is remembered; one deleted behind this server's back is made again. */
    @Test
    public void defaultGroupDeletedElsewhereIsCreatedAgain() {
        Object first = f.port(net).get("security_groups");
        f.jpa.tx(em -> {
            for (String entity : List.of("PortSecurityGroupBindingEntity", "DefaultSecurityGroupEntity",
                    "SecurityGroupRuleEntity", "SecurityGroupEntity")) {
                em.createQuery("DELETE FROM " + entity).executeUpdate();
            }
        });
        Object second = f.port(net).get("security_groups");
        assertEquals(1, ((List<?>) second).size());
        assertNotEquals(first, second);
        assertEquals(second, f.ports.get(TestJpa.ADMIN, (String) f.port(net).get("id")).get("security_groups"));
    }

    @Test
    public void portSecurityRules() {
        expect("PortSecurityAndIPRequiredForSecurityGroups", () -> f.port(net, "port_security_enabled", false,
                "security_groups", List.of(f.groups.ensureDefault(TestJpa.ADMIN, "p1"))));
        expect("AddressPairAndPortSecurityRequired", () -> f.port(net, "port_security_enabled", false,
                "allowed_address_pairs", List.of(body("ip_address", "10.0.0.9"))));
        Map<String, Object> p = f.port(net);
        String id = (String) p.get("id");
        expect("PortSecurityPortHasSecurityGroup", () -> f.ports.update(TestJpa.ADMIN, id,
                body("port_security_enabled", false)));
        Map<String, Object> open = f.ports.update(TestJpa.ADMIN, id, body("port_security_enabled", false,
                "security_groups", List.of()));
        assertEquals(false, open.get("port_security_enabled"));
        expect("SecurityGroupNotFound", () -> f.port(net, "security_groups",
                List.of("00000000-0000-0000-0000-000000000000")));
    }

    @Test
    public void updateFixedIpsPairsAndOptions() {
        Map<String, Object> p = f.port(net, "allowed_address_pairs", List.of(body("ip_address", "10.0.9.0/24")),
                "extra_dhcp_opts", List.of(body("opt_name", "mtu", "opt_value", "1400")));
        String id = (String) p.get("id");
        assertEquals(p.get("mac_address"), ((List<Map<?, ?>>) (List<?>) p.get("allowed_address_pairs")).get(0)
                .get("mac_address"));
        Map<String, Object> u = f.ports.update(TestJpa.ADMIN, id, body("fixed_ips",
                List.of(body("subnet_id", subnet, "ip_address", "10.0.0.77")), "extra_dhcp_opts",
                List.of(body("opt_name", "mtu", "opt_value", null), body("opt_name", "ntp-server", "opt_value",
                        "10.0.0.1")), "name", "renamed"));
        assertEquals("10.0.0.77", fixedIps(u).get(0).get("ip_address"));
        assertEquals(List.of(Map.of("opt_name", "ntp-server", "opt_value", "10.0.0.1", "ip_version", 4)),
                u.get("extra_dhcp_opts"));
        assertEquals(2L, u.get("revision_number"));
        List<Map<String, Object>> found = f.ports.list(TestJpa.ADMIN, new ListQuery(Map.of("fixed_ips",
                List.of(Map.of("ip_address", List.of("10.0.0.77")))), List.of(new SortKey("id", true)), 0, null,
                false));
        assertEquals(List.of(id), found.stream().map(m -> m.get("id")).toList());
    }

    /**
     * As Neutron's revision plugin: a change to what a port's view gathers from other tables moves the port's
     * revision, though its own row did not change; the same change again changes nothing and moves nothing.
     */
    @Test
    public void changingWhatOtherTablesHoldOfAPortMovesItsRevision() {
        String id = (String) f.port(net).get("id");
        long revision = 1;
        for (Map<String, Object> change : List.of(body("security_groups", List.of()),
                body("extra_dhcp_opts", List.of(body("opt_name", "mtu", "opt_value", "1400"))),
                body("allowed_address_pairs", List.of(body("ip_address", "10.0.9.1"))),
                body("fixed_ips", List.of(body("subnet_id", subnet, "ip_address", "10.0.0.77"))))) {
            Map<String, Object> updated = f.ports.update(TestJpa.ADMIN, id, change);
            assertEquals(change.toString(), ++revision, updated.get("revision_number"));
            assertEquals(updated, f.ports.get(TestJpa.ADMIN, id));
            assertEquals(change.toString(), revision, f.ports.update(TestJpa.ADMIN, id, change).get("revision_number"));
        }
    }

    /** A port whose address goes with its subnet (a DHCP port's) moves on a revision, as in Neutron. */
    @Test
    public void aPortThatLosesAnAddressWithItsSubnetMovesItsRevision() {
        String other = (String) f.subnet(net, 4, "cidr", "10.1.0.0/24").get("id");
        String dhcp = (String) f.port(net, "device_owner", "network:dhcp", "fixed_ips",
                List.of(body("subnet_id", subnet), body("subnet_id", other))).get("id");
        assertEquals(2, fixedIps(f.ports.get(TestJpa.ADMIN, dhcp)).size());
        f.subnets.delete(TestJpa.ADMIN, other);
        Map<String, Object> after = f.ports.get(TestJpa.ADMIN, dhcp);
        assertEquals(List.of(subnet), fixedIps(after).stream().map(ip -> ip.get("subnet_id")).toList());
        assertEquals(2L, after.get("revision_number"));
    }

    /**
     * A port's rows in other tables, once read outside a transaction, are read again only when the port's
     * revision moves: rows changed behind the server's back without moving it stay unseen until it does.
     */
    @Test
    public void whatAPortHoldsElsewhereIsReadAgainWhenItsRevisionMoves() {
        assertTrue(f.jpa.txExpr(TransactionType.Supports, PortChildren::usable));
        assertFalse(f.jpa.txExpr(TransactionType.Required, PortChildren::usable));
        String id = (String) f.port(net, "name", "a", "port_security_enabled", false).get("id");
        String other = (String) f.port(net, "name", "b", "port_security_enabled", false).get("id");
        assertEquals(1, fixedIps(f.ports.get(TestJpa.ADMIN, id)).size());
        assertEquals(1, fixedIps(f.ports.get(TestJpa.ADMIN, other)).size());
        f.jpa.tx(em -> em.createQuery("DELETE FROM IpAllocationEntity a").executeUpdate());
        assertEquals(1, fixedIps(f.ports.get(TestJpa.ADMIN, id)).size());
        f.ports.update(TestJpa.ADMIN, id, body("name", "c"));
        assertEquals(List.of(), fixedIps(f.ports.get(TestJpa.ADMIN, id)));
        // a page of a port read again and one kept
        Map<Object, Object> listed = new HashMap<>();
        f.ports.list(TestJpa.ADMIN, ListQuery.all()).forEach(p -> listed.put(p.get("id"), fixedIps(p).size()));
        assertEquals(Map.of(id, 0, other, 1), listed);
    }

    /**
     * A delete skips the tables its port's view shows nothing of (no delete of no row, which Derby
     * answers with a warning): whatever the port held goes all the same.
     */
    @Test
    public void aDeletedPortLeavesNothingOfItsOwnBehind() {
        String full = (String) f.port(net, "allowed_address_pairs", List.of(body("ip_address", "10.0.9.0/24")),
                "extra_dhcp_opts", List.of(body("opt_name", "mtu", "opt_value", "1400"))).get("id");
        String bare = (String) f.port(net, "port_security_enabled", false).get("id");
        String kept = (String) f.port(net, "allowed_address_pairs", List.of(body("ip_address", "10.0.8.0/24")),
                "extra_dhcp_opts", List.of(body("opt_name", "mtu", "opt_value", "1300"))).get("id");
        assertEquals(Map.of(full, 4L, bare, 1L, kept, 4L), rowsHeld(full, bare, kept));
        f.ports.delete(TestJpa.ADMIN, full);
        f.ports.delete(TestJpa.ADMIN, bare);
        assertEquals(Map.of(full, 0L, bare, 0L, kept, 4L), rowsHeld(full, bare, kept));
    }

    /** Per port: its addresses, group bindings, pairs and DHCP options, counted together. */
    private Map<String, Long> rowsHeld(String... portIds) {
        Map<String, Long> held = new HashMap<>();
        for (String id : portIds) {
            held.put(id, f.jpa.txExpr(em -> List.of("IpAllocationEntity", "PortSecurityGroupBindingEntity",
                    "AllowedAddressPairEntity", "ExtraDhcpOptEntity").stream().mapToLong(entity -> em.createQuery(
                    "SELECT COUNT(x) FROM " + entity + " x WHERE x.portId = :p", Long.class).setParameter("p", id)
                    .getSingleResult()).sum()));
        }
        return held;
    }

    /**
     * A page's addresses, groups, pairs and options are read by the page's id range when the page
     * holds most of the ports in it, else by IN lists: either way each port shows as on its own.
     */
    @Test
    public void listedPortsShowWhatEachPortShowsHoweverTheirPageIsRead() {
        String many = f.network("many");
        f.subnet(many, 4, "cidr", "10.1.0.0/22");
        String few = f.network("few");
        f.subnet(few, 4, "cidr", "10.2.0.0/22");
        for (int i = 0; i < 230; i++) {
            f.port(i % 3 == 2 ? few : many, "allowed_address_pairs", List.of(body("ip_address", "10.9." + i + ".0/24")),
                    "extra_dhcp_opts", List.of(body("opt_name", "mtu", "opt_value", String.valueOf(1000 + i))));
        }
        List<SortKey> byId = List.of(new SortKey("id", true));
        // every port: by range; many's 154: by range, skipping few's rows in it; few's 76: by IN lists,
        // as its range holds twice as many others; pages of 100 and 70
        List<ListQuery> queries = List.of(ListQuery.all(), new ListQuery(Map.of("network_id", List.of(many)), byId, 0,
                null, false), new ListQuery(Map.of("network_id", List.of(few)), byId, 0, null, false),
                new ListQuery(Map.of(), byId, 100, null, false));
        int shown = 0;
        for (ListQuery q : queries) {
            List<Map<String, Object>> page = f.ports.list(TestJpa.ADMIN, q);
            for (Map<String, Object> p : page) {
                assertEquals(f.ports.get(TestJpa.ADMIN, (String) p.get("id")), p);
                assertEquals(1, ((List<?>) p.get("allowed_address_pairs")).size());
                shown++;
            }
        }
        assertEquals(230 + 154 + 76 + 100, shown);
    }

    @Test
    public void bindingGoesToTheFirstDriverThatBinds() {
        Map<String, Object> failed = f.port(net, "binding:host_id", "compute-1");
        assertEquals("binding_failed", failed.get("binding:vif_type"));
        f.mechanisms.bindDriver(new MechanismDriver() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public PortBinding bindPort(MechanismContext c) {
                return new PortBinding("ovs", Map.of("port_filter", true), (String) c.segments().get(0).get("id"));
            }
        }, Map.of());
        Map<String, Object> bound = f.ports.update(TestJpa.ADMIN, (String) failed.get("id"),
                body("binding:host_id", "compute-2"));
        assertEquals("ovs", bound.get("binding:vif_type"));
        assertEquals(Map.of("port_filter", true), bound.get("binding:vif_details"));
        expect("PortBound", () -> f.ports.update(TestJpa.ADMIN, (String) failed.get("id"),
                body("mac_address", "fa:16:3e:aa:bb:cc")));
    }

    @Test
    public void networkDeleteRefusedWhileUserPortsRemain() {
        f.port(net, "device_owner", "network:dhcp");
        String user = (String) f.port(net).get("id");
        expect("NetworkInUse", () -> f.networks.delete(TestJpa.ADMIN, net));
        f.ports.delete(TestJpa.ADMIN, user);
        f.networks.delete(TestJpa.ADMIN, net);
        assertTrue(f.ports.list(TestJpa.ADMIN, ListQuery.all()).isEmpty());
        assertTrue(f.subnets.list(TestJpa.ADMIN, ListQuery.all()).isEmpty());
    }

    @Test
    public void concurrentCreatesNeverShareAnAddressOrMac() throws Exception {
        String small = f.network("small");
        f.subnet(small, 4, "cidr", "10.9.0.0/27");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Map<String, Object>>> all = new ArrayList<>();
            for (int i = 0; i < 29; i++) {
                all.add(pool.submit(() -> f.port(small)));
            }
            Set<Object> ips = new HashSet<>();
            Set<Object> macs = new HashSet<>();
            for (Future<Map<String, Object>> fut : all) {
                Map<String, Object> p = fut.get();
                assertTrue(ips.add(fixedIps(p).get(0).get("ip_address")));
                assertTrue(macs.add(p.get("mac_address")));
            }
            assertEquals(29, ips.size());
        } finally {
            pool.shutdownNow();
        }
        expect("IpAddressGenerationFailure", () -> f.port(small));
        assertNotEquals(0, macs(f).size());
    }

    private static Set<Object> macs(Ml2Fixture f) {
        Set<Object> out = new HashSet<>();
        f.ports.list(TestJpa.ADMIN, ListQuery.all()).forEach(p -> out.add(p.get("mac_address")));
        return out;
    }
}
