package org.nucleon.ml2.ipam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.persistence.PersistenceException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.ml2.Ml2Fixture;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.subnet.SubnetEntity;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.persistence.Transactions;

public class IpamTest {
    private static final String MAC = "fa:16:3e:11:22:33";
    private Ml2Fixture f;
    private String net;
    private String v4;
    private String slaac;
    private int macs;

    @Before
    public void setUp() {
        f = new Ml2Fixture();
        net = f.network("n1");
        v4 = (String) f.subnet(net, 4, "cidr", "10.77.0.0/24").get("id");
        slaac = (String) f.subnet(net, 6, "cidr", "fd00:77::/64", "ipv6_ra_mode", "slaac").get("id");
    }

    @After
    public void tearDown() {
        f.close();
    }

    /** Port p1 has MAC; the others get their own, as ports on one network do. */
    private List<Map<String, Object>> allocate(String port, List<Map<String, Object>> requested, String owner) {
        String mac = port.equals("p1") ? MAC : String.format("fa:16:3e:00:00:%02x", ++macs);
        return f.jpa.txExpr(em -> Ipam.allocate(em, net, port, requested, mac, owner));
    }

    private static Map<String, Object> fixed(String subnetId, String ip) {
        return body("subnet_id", subnetId, "ip_address", ip);
    }

    @Test
    public void automaticGivesIpv4AndEui64() {
        List<Map<String, Object>> ips = allocate("p1", null, "compute:nova");
        assertEquals(2, ips.size());
        assertEquals(v4, ips.get(0).get("subnet_id"));
        assertTrue(Ip.range("10.77.0.2", "10.77.0.254").contains(Ip.address((String) ips.get(0).get("ip_address"))));
        assertEquals(fixed(slaac, "fd00:77::f816:3eff:fe11:2233"), ips.get(1));
        assertEquals(Map.of("p1", ips),
                f.jpa.txExpr(em -> Ipam.fixedIpsOf(em, PageKeys.of(List.of("p1", "nobody")))));
    }

    @Test
    public void ipv4NumbersPrintAsTheLibraryPrintsAddresses() {
        for (String a : List.of("0.0.0.0", "10.77.0.2", "10.0.255.254", "192.168.1.10", "255.255.255.255")) {
            assertEquals(a, Ip.ipv4Text(Ip.address(a).toIPv4().longValue()));
        }
    }

    @Test
    public void automaticAddressesComeFromTheFirstFreeOnesOfThePool() {
        for (int i = 0; i < 20; i++) {
            allocate("fill" + i, null, "network:dhcp");
        }
        // 10.77.0.2-21 are taken; the next one is random among the free rest of the /24 (window 1000)
        String ip = (String) allocate("p1", null, "compute:nova").get(0).get("ip_address");
        assertTrue(ip, Ip.range("10.77.0.22", "10.77.0.254").contains(Ip.address(ip)));
        // a DHCP port gets the lowest free one, which is .22 unless p1 drew it
        assertEquals(ip.equals("10.77.0.22") ? "10.77.0.23" : "10.77.0.22",
                allocate("dhcp", null, "network:dhcp").get(0).get("ip_address"));
    }

    @Test
    public void dhcpPortsGetTheLowestAddress() {
        assertEquals("10.77.0.2", allocate("dhcp", null, "network:dhcp").get(0).get("ip_address"));
        assertEquals("10.77.0.3", allocate("dhcp2", null, "network:dhcp").get(0).get("ip_address"));
    }

    /**
     * What this server knows of a subnet's addresses is a hint: an address another server took
     * meanwhile is refused by the key and the retry reads the subnet again; one it freed is
     * found when the subnet looks full, once what was read of it is a second old.
     */
    @Test
    public void addressesChangedByAnotherServerAreReadAgain() throws InterruptedException {
        assertEquals("10.77.0.2", allocate("dhcp", null, "network:dhcp").get(0).get("ip_address"));
        f.jpa.tx(em -> em.persist(new IpAllocationEntity(v4, "10.77.0.3", "elsewhere", net, "", 0)));
        PersistenceException lost = null;
        try {
            allocate("dhcp2", null, "network:dhcp");
        } catch (PersistenceException e) {
            lost = e;
        }
        assertTrue(String.valueOf(lost), lost != null && Transactions.isConflict(lost));
        assertEquals("10.77.0.4", allocate("dhcp2", null, "network:dhcp").get(0).get("ip_address"));

        String small = (String) f.subnet(net, 4, "cidr", "10.79.3.0/30").get("id");
        assertEquals("10.79.3.2", allocate("p1", List.of(body("subnet_id", small)), "").get(0).get("ip_address"));
        f.jpa.tx(em -> em.createQuery("DELETE FROM IpAllocationEntity a WHERE a.portId = 'p1'").executeUpdate());
        // a subnet read this very second is believed full; after that a pick that finds it full reads it again
        expect("IpAddressGenerationFailure", () -> allocate("p2", List.of(body("subnet_id", small)), ""));
        TimeUnit.NANOSECONDS.sleep(HeldAddresses.FULL_RECHECK_NANOS + TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals("10.79.3.2", allocate("p2", List.of(body("subnet_id", small)), "").get(0).get("ip_address"));
    }

    @Test
    public void explicitRequests() {
        // the gateway is not in the pools, but may be asked for
        assertEquals(fixed(v4, "10.77.0.1"), allocate("p1", List.of(body("ip_address", "10.77.0.1")), "").get(0));
        assertEquals("IP address 10.77.0.1 already allocated in subnet " + v4, expect("IpAddressAlreadyAllocated",
                () -> allocate("p2", List.of(fixed(v4, "10.77.0.1")), "")).getMessage());
        assertEquals("IP address 10.77.0.255 is not a valid IP for any of the subnets on the specified network.",
                expect("InvalidIpForNetwork", () -> allocate("p2", List.of(body("ip_address", "10.77.0.255")), ""))
                        .getMessage());
        expect("InvalidIpForNetwork", () -> allocate("p2", List.of(body("ip_address", "10.77.0.0")), ""));
        assertEquals("IP address 192.168.9.9 is not a valid IP for the specified subnet.", expect("InvalidIpForSubnet",
                () -> allocate("p2", List.of(fixed(v4, "192.168.9.9")), "")).getMessage());
        expect("AllocationOnAutoAddressSubnet", () -> allocate("p2", List.of(body("ip_address", "fd00:77::5")), ""));
        String foreign = (String) f.subnet(f.network("n2"), 4, "cidr", "10.9.0.0/24").get("id");
        assertEquals("Invalid input for operation: Failed to create port on network " + net
                + ", because fixed_ips included invalid subnet " + foreign + ".", expect("InvalidInput",
                        () -> allocate("p2", List.of(body("subnet_id", foreign)), "")).getMessage());
        expect("SubnetNotFound", () -> allocate("p2", List.of(body("subnet_id",
                "11111111-1111-1111-1111-111111111111")), ""));
        // a router interface gets no implicit EUI-64 address, and may pick one on a SLAAC subnet
        assertEquals(List.of(fixed(slaac, "fd00:77::1")), allocate("r1", List.of(fixed(slaac, "fd00:77::1")),
                "network:router_interface"));
        // an empty list still gets the EUI-64 address
        List<Map<String, Object>> eui = allocate("p3", List.of(), "");
        assertEquals(1, eui.size());
        assertEquals(slaac, eui.get(0).get("subnet_id"));
        assertEquals(Map.of(), f.jpa.txExpr(em -> Ipam.fixedIpsOf(em, PageKeys.of(List.of("p2")))));
    }

    /** A subnet on a network of its own. */
    private record Kept(String network, String subnet) {
    }

    /** Makes both subnets, each on a network of its own; the first is kept in memory, the second not. */
    private Kept keptButNotOneBitLarger(int version, String cidr, String largerCidr) {
        String network = f.network("kept");
        String subnet = (String) f.subnet(network, version, "cidr", cidr).get("id");
        String larger = (String) f.subnet(f.network("not-kept"), version, "cidr", largerCidr).get("id");
        assertTrue(HeldAddresses.covers(f.jpa.txExpr(em -> em.find(SubnetEntity.class, subnet))));
        assertFalse(HeldAddresses.covers(f.jpa.txExpr(em -> em.find(SubnetEntity.class, larger))));
        return new Kept(network, subnet);
    }

    /**
     * Blocks larger than a /16 are kept in memory too (up to a /8): picks there read no rows, which
     * on Derby is what keeps concurrent creates on one large subnet from deadlocking.
     */
    @Test
    public void largeIpv4BlocksAreKeptInMemory() {
        Kept large = keptButNotOneBitLarger(4, "10.0.0.0/8", "12.0.0.0/7");
        String other = large.network();
        String big = large.subnet();
        List<Map<String, Object>> high = f.jpa.txExpr(em -> Ipam.allocate(em, other, "high",
                List.of(fixed(big, "10.255.255.200")), MAC, ""));
        assertEquals("10.255.255.200", high.get(0).get("ip_address"));
        assertEquals("10.0.0.2", f.jpa.txExpr(em -> Ipam.allocate(em, other, "dhcp", null, MAC, "network:dhcp"))
                .get(0).get("ip_address"));
        expect("IpAddressAlreadyAllocated", () -> f.jpa.txExpr(em -> Ipam.allocate(em, other, "again",
                List.of(fixed(big, "10.255.255.200")), MAC, "")));
    }

    /** Stateful IPv6 (no address mode): kept in memory up to a /64, picked from the pool's start as IPv4. */
    @Test
    public void ipv6SubnetsAreKeptInMemoryAndPickedFromThePoolsStart() {
        Kept slash64 = keptButNotOneBitLarger(6, "fd00:78::/64", "fd00:7a::/63");
        String v6net = slash64.network();
        String v6 = slash64.subnet();

        assertEquals("fd00:78::1", f.jpa.txExpr(em -> Ipam.allocate(em, v6net, "dhcp", null, MAC, "network:dhcp"))
                .get(0).get("ip_address"));
        // another server takes ::2: the key refuses this server's pick of it, and the retry reads the subnet again
        f.jpa.tx(em -> em.persist(new IpAllocationEntity(v6, "fd00:78::2", "elsewhere", v6net, "", 0)));
        PersistenceException lost = null;
        try {
            f.jpa.txExpr(em -> Ipam.allocate(em, v6net, "dhcp2", null, MAC, "network:dhcp"));
        } catch (PersistenceException e) {
            lost = e;
        }
        assertTrue(String.valueOf(lost), lost != null && Transactions.isConflict(lost));
        assertEquals("fd00:78::3", f.jpa.txExpr(em -> Ipam.allocate(em, v6net, "dhcp2", null, MAC, "network:dhcp"))
                .get(0).get("ip_address"));

        // one transaction's picks: distinct, each from the first 1,000 free addresses (from ::4, the gateway being ::
        // as in Neutron), so all 300 within the first 1,300 addresses
        Set<String> picked = new HashSet<>();
        f.jpa.tx(em -> {
            for (int i = 0; i < 300; i++) {
                picked.add((String) Ipam.allocate(em, v6net, "bulk" + i, null, MAC, "compute:nova").get(0)
                        .get("ip_address"));
            }
        });
        assertEquals(300, picked.size());
        for (String ip : picked) {
            assertTrue(ip, Ip.range("fd00:78::4", "fd00:78::517").contains(Ip.address(ip)));
        }
    }

    /** The offsets of a /64 are unsigned 64-bit numbers: a pool at its very top fills and then fails. */
    @Test
    public void anIpv6PoolAtTheTopOfItsBlockFillsAndThenFails() {
        String v6net = f.network("v6-top");
        String top = (String) f.subnet(v6net, 6, "cidr", "fd00:79::/64", "allocation_pools",
                List.of(body("start", "fd00:79::ffff:ffff:ffff:fffe", "end", "fd00:79::ffff:ffff:ffff:ffff")))
                .get("id");
        Set<String> picked = new HashSet<>();
        for (String port : List.of("a", "b")) {
            picked.add((String) f.jpa.txExpr(em -> Ipam.allocate(em, v6net, port, List.of(body("subnet_id", top)),
                    MAC, "")).get(0).get("ip_address"));
        }
        assertEquals(Set.of("fd00:79::ffff:ffff:ffff:fffe", "fd00:79::ffff:ffff:ffff:ffff"), picked);
        expect("IpAddressGenerationFailure", () -> f.jpa.txExpr(em -> Ipam.allocate(em, v6net, "c",
                List.of(body("subnet_id", top)), MAC, "")));
    }

    @Test
    public void fullSubnetFails() {
        String small = (String) f.subnet(net, 4, "cidr", "10.79.2.0/30").get("id");
        assertEquals("10.79.2.2", allocate("p1", List.of(body("subnet_id", small)), "").get(0).get("ip_address"));
        assertEquals("No more IP addresses available on network " + net + ".", expect("IpAddressGenerationFailure",
                () -> allocate("p2", List.of(body("subnet_id", small)), "")).getMessage());
    }

    @Test
    public void serviceTypesSteerAutomaticAllocation() {
        String other = f.network("n3");
        f.subnet(other, 4, "cidr", "10.5.0.0/24", "service_types", List.of("network:router_gateway"));
        String general = (String) f.subnet(other, 4, "cidr", "10.6.0.0/24", "service_types", List.of()).get("id");
        List<Map<String, Object>> ips = f.jpa.txExpr(em -> Ipam.allocate(em, other, "p", null, MAC, "compute:nova"));
        assertEquals(general, ips.get(0).get("subnet_id"));
    }

    @Test
    public void updateKeepsAddsAndRemoves() {
        String second = (String) f.subnet(net, 4, "cidr", "10.78.0.0/24").get("id");
        allocate("p1", List.of(fixed(v4, "10.77.0.10"), fixed(v4, "10.77.0.11")), "compute:nova");
        List<Map<String, Object>> after = f.jpa.txExpr(em -> Ipam.update(em, "p1", net,
                List.of(body("ip_address", "10.77.0.11"), body("subnet_id", second)), MAC, "compute:nova"));
        assertEquals(fixed(v4, "10.77.0.11"), after.get(0));
        assertEquals(second, after.get(2).get("subnet_id"));
        // the EUI-64 address stays; 10.77.0.10 is released and free again
        assertTrue(after.contains(fixed(slaac, "fd00:77::f816:3eff:fe11:2233")));
        assertEquals(3, after.size());
        assertEquals(after, f.jpa.txExpr(em -> Ipam.fixedIpsOf(em, PageKeys.of(List.of("p1")))).get("p1"));
        allocate("p2", List.of(fixed(v4, "10.77.0.10")), "");
        expect("IpAddressAlreadyAllocated", () -> f.jpa.txExpr(em -> Ipam.update(em, "p1", net,
                List.of(fixed(v4, "10.77.0.10")), MAC, "compute:nova")));
    }

    @Test
    public void subnetIdsOfNetworks() {
        assertEquals(Set.of(v4, slaac), Set.copyOf(f.jpa.txExpr(em -> Ipam.subnetIdsOf(em, List.of(net))).get(net)));
        assertEquals(Map.of(), f.jpa.txExpr(em -> Ipam.subnetIdsOf(em, List.of())));
    }

    @Test
    public void ipAvailability() {
        allocate("p1", null, "compute:nova");
        allocate("p2", null, "compute:nova");
        Map<String, Object> a = f.availability.get(TestJpa.ADMIN, net);
        assertEquals(4L, a.get("used_ips"));
        assertEquals(BigInteger.valueOf(253).add(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)), a.get("total_ips"));
        List<?> subnets = (List<?>) a.get("subnet_ip_availability");
        assertEquals(2, subnets.size());
        expect("NetworkNotFound", () -> f.availability.get(TestJpa.ADMIN, "11111111-1111-1111-1111-111111111111"));
        f.network("empty");
        assertEquals(2, f.availability.list(TestJpa.ADMIN, ListQuery.all()).size());
        List<Map<String, Object>> v6 = f.availability.list(TestJpa.ADMIN,
                new ListQuery(Map.of("ip_version", List.of(6)), List.of(), 0, null, false));
        assertEquals(1, v6.size());
        assertEquals(1, ((List<?>) v6.get(0).get("subnet_ip_availability")).size());
    }

    /**
     * A subnet's addresses are read past the rows a running transaction has inserted, and those count
     * as held: on Derby a read of committed rows waits for them (here up to the 10 s lock timeout),
     * and two bulk creates reading each other's rows deadlocked.
     */
    @Test
    public void aSubnetIsReadWithoutWaitingForTheRowsOfARunningTransaction() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = writer.submit(() -> f.jpa.txExpr(em -> {
                Ipam.allocate(em, net, "p-running", List.of(fixed(v4, "10.77.0.9")), MAC, "compute:nova");
                em.flush();
                inserted.countDown();
                try {
                    return read.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(inserted.await(30, TimeUnit.SECONDS));
            List<String> seen = f.jpa.txExpr(em -> HeldAddresses.addressesIn(em, v4, true));
            read.countDown();
            running.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("10.77.0.9"), seen);
        } finally {
            read.countDown();
            writer.shutdownNow();
        }
    }

    /** Threads racing for a 13-address pool: every address once, collisions retried, then exhaustion. */
    @Test
    public void concurrentAllocationsNeverShareAnAddress() throws Exception {
        String other = f.network("race");
        String small = (String) f.subnet(other, 4, "cidr", "10.50.0.0/28").get("id");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<String>> results = new ArrayList<>();
        List<String> retries = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 16; i++) {
            String port = "port-" + i;
            results.add(pool.submit(() -> allocateWithRetry(other, small, port, retries)));
        }
        List<String> got = new ArrayList<>();
        int exhausted = 0;
        for (Future<String> r : results) {
            String ip = r.get(120, TimeUnit.SECONDS);
            if (ip == null) {
                exhausted++;
            } else {
                got.add(ip);
            }
        }
        pool.shutdown();
        assertEquals(13, got.size());
        assertEquals(13, new HashSet<>(got).size());
        assertEquals(3, exhausted);
    }

    private String allocateWithRetry(String network, String subnet, String port, List<String> retries) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return (String) f.jpa.txExpr(em -> Ipam.allocate(em, network, port, List.of(body("subnet_id", subnet)),
                        MAC, "compute:nova")).get(0).get("ip_address");
            } catch (NeutronException e) {
                assertEquals("IpAddressGenerationFailure", e.type());
                return null;
            } catch (PersistenceException e) {
                assertTrue(e.toString(), Transactions.isConflict(e));
                retries.add(port);
            }
        }
        throw new AssertionError("no address after 50 attempts for " + port);
    }
}
