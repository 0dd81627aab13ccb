package org.nucleon.ml2.subnet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.query.ListQuery;
import org.nucleon.ml2.Ml2Fixture;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.ipam.Ipam;

public class SubnetHandlerTest {
    private Ml2Fixture f;
    private String net;

    @Before
    public void setUp() {
        f = new Ml2Fixture();
        net = f.network("n1");
    }

    @After
    public void tearDown() {
        f.close();
    }

    private static Map<String, Object> pool(String start, String end) {
        return body("start", start, "end", end);
    }

    @Test
    public void ipv4Defaults() {
        Map<String, Object> s = f.subnet(net, 4, "cidr", "10.0.0.5/24", "name", "sub4");
        assertEquals("10.0.0.0/24", s.get("cidr"));
        assertEquals("10.0.0.1", s.get("gateway_ip"));
        assertEquals(List.of(pool("10.0.0.2", "10.0.0.254")), s.get("allocation_pools"));
        assertEquals(true, s.get("enable_dhcp"));
        assertNull(s.get("subnetpool_id"));
        assertEquals(List.of(), s.get("host_routes"));
        assertEquals(1L, f.subnets.get(TestJpa.ADMIN, (String) s.get("id")).get("revision_number"));
    }

    private long networkRevision() {
        return (Long) f.networks.get(TestJpa.ADMIN, net).get("revision_number");
    }

    /** Neutron's subnets revise their network: its revision moves on each change of one, not on a refused one. */
    @Test
    public void aSubnetsChangesReviseItsNetwork() {
        long created = networkRevision();
        String id = (String) f.subnet(net, 4, "cidr", "10.5.0.0/24").get("id");
        long withSubnet = networkRevision();
        assertTrue(withSubnet > created);
        f.subnets.update(TestJpa.ADMIN, id, body("name", "renamed"));
        long renamed = networkRevision();
        assertTrue(renamed > withSubnet);
        expect("GatewayConflictWithAllocationPools",
                () -> f.subnets.update(TestJpa.ADMIN, id, body("gateway_ip", "10.5.0.15")));
        assertEquals(renamed, networkRevision());
        f.subnets.delete(TestJpa.ADMIN, id);
        assertTrue(networkRevision() > renamed);
    }

    @Test
    public void gatewayInsideSplitsDefaultPools() {
        Map<String, Object> s = f.subnet(net, 4, "cidr", "10.80.2.0/24", "gateway_ip", "10.80.2.100");
        assertEquals(List.of(pool("10.80.2.1", "10.80.2.99"), pool("10.80.2.101", "10.80.2.254")),
                s.get("allocation_pools"));
        Map<String, Object> outside = f.subnet(net, 4, "cidr", "10.78.0.0/24", "gateway_ip", "10.99.0.1");
        assertEquals(List.of(pool("10.78.0.1", "10.78.0.254")), outside.get("allocation_pools"));
    }

    @Test
    public void explicitPoolsSortedAndNoGateway() {
        Map<String, Object> s = f.subnet(net, 4, "cidr", "10.80.8.0/24", "allocation_pools",
                List.of(pool("10.80.8.100", "10.80.8.110"), pool("10.80.8.10", "10.80.8.20")),
                "dns_nameservers", List.of("8.8.8.8", "1.1.1.1"), "service_types", List.of("network:foo", "compute:nova"));
        assertEquals(List.of(pool("10.80.8.10", "10.80.8.20"), pool("10.80.8.100", "10.80.8.110")),
                s.get("allocation_pools"));
        assertEquals(List.of("8.8.8.8", "1.1.1.1"), s.get("dns_nameservers"));
        assertEquals(List.of("compute:nova", "network:foo"), s.get("service_types"));
        Map<String, Object> none = f.subnet(net, 4, "cidr", "10.83.1.0/31", "enable_dhcp", false, "gateway_ip", null);
        assertNull(none.get("gateway_ip"));
        assertEquals(List.of(pool("10.83.1.0", "10.83.1.1")), none.get("allocation_pools"));
        Map<String, Object> host = f.subnet(net, 4, "cidr", "10.80.0.0/32", "enable_dhcp", false);
        assertEquals("10.80.0.1", host.get("gateway_ip"));
        assertEquals(List.of(pool("10.80.0.0", "10.80.0.0")), host.get("allocation_pools"));
    }

    @Test
    public void ipv6Slaac() {
        Map<String, Object> s = f.subnet(net, 6, "cidr", "fd00:1::/64", "ipv6_ra_mode", "slaac",
                "ipv6_address_mode", "slaac");
        assertEquals("fd00:1::", s.get("gateway_ip"));
        assertEquals(List.of(pool("fd00:1::1", "fd00:1::ffff:ffff:ffff:ffff")), s.get("allocation_pools"));
        assertEquals("slaac", s.get("ipv6_address_mode"));
        expect("InvalidInput", () -> f.subnet(net, 6, "cidr", "fd00:2::/80", "ipv6_address_mode", "slaac"));
        assertEquals("Invalid input for operation: ipv6_ra_mode set to 'slaac' with ipv6_address_mode set to "
                + "'dhcpv6-stateful' is not valid. If both attributes are set, they must be the same value.",
                expect("InvalidInput", () -> f.subnet(net, 6, "cidr", "fd00:3::/64", "ipv6_ra_mode", "slaac",
                        "ipv6_address_mode", "dhcpv6-stateful")).getMessage());
        expect("InvalidInput", () -> f.subnet(net, 6, "cidr", "fd00:4::/64", "enable_dhcp", false,
                "ipv6_ra_mode", "slaac"));
        assertEquals("Invalid input for operation: ipv6_address_mode is not valid when ip_version is 4.",
                expect("InvalidInput", () -> f.subnet(net, 4, "cidr", "10.79.0.0/24", "ipv6_address_mode",
                        "slaac")).getMessage());
    }

    @Test
    public void cidrChecks() {
        f.subnet(net, 4, "cidr", "10.0.0.0/24");
        assertEquals("Invalid input for operation: Requested subnet with cidr: 10.0.0.128/25 for network: " + net
                + " overlaps with another subnet.",
                expect("InvalidInput", () -> f.subnet(net, 4, "cidr", "10.0.0.128/25")).getMessage());
        assertEquals("Invalid input for operation: cidr '10.9.0.0/24' does not match the ip_version '6'.",
                expect("InvalidInput", () -> f.subnet(net, 6, "cidr", "10.9.0.0/24")).getMessage());
        expect("InvalidInput", () -> f.subnet(net, 4, "cidr", "10.79.0.0/31"));
        expect("InvalidInput", () -> f.subnet(net, 4, "cidr", "0.0.0.0/0"));
        expect("IpamValueInvalid", () -> f.subnet(net, 4, "cidr", "10.80.1.0/31", "enable_dhcp", false));
        expect("NetworkNotFound", () -> f.subnet("11111111-1111-1111-1111-111111111111", 4, "cidr", "10.1.0.0/24"));
        assertEquals("Bad subnets request: a subnetpool must be specified in the absence of a cidr.",
                expect("BadRequest", () -> f.subnet(net, 4)).getMessage());
        expect("BadRequest", () -> f.subnet(net, 4, "cidr", "10.81.0.0/24", "prefixlen", 26));
        // an overlap on another network is fine
        f.subnet(f.network("n2"), 4, "cidr", "10.0.0.0/24");
    }

    @Test
    public void gatewayAndPoolChecks() {
        assertEquals("Invalid input for operation: Gateway is not valid on subnet.", expect("InvalidInput",
                () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "gateway_ip", "10.78.0.255")).getMessage());
        assertEquals("The allocation pool 10.78.0.10-10.78.1.20 spans beyond the subnet cidr 10.78.0.0/24.",
                expect("OutOfBoundsAllocationPool", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "allocation_pools",
                        List.of(pool("10.78.0.10", "10.78.1.20")))).getMessage());
        expect("OutOfBoundsAllocationPool", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "allocation_pools",
                List.of(pool("10.78.0.0", "10.78.0.5"))));
        assertEquals("Found overlapping allocation pools: 10.78.0.10-10.78.0.20 10.78.0.15-10.78.0.30 for subnet "
                + "10.78.0.0/24.", expect("OverlappingAllocationPools", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24",
                        "allocation_pools", List.of(pool("10.78.0.10", "10.78.0.20"), pool("10.78.0.15", "10.78.0.30"))))
                .getMessage());
        assertEquals("Gateway ip 10.78.0.1 conflicts with allocation pool 10.78.0.1-10.78.0.20.",
                expect("GatewayConflictWithAllocationPools", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24",
                        "allocation_pools", List.of(pool("10.78.0.1", "10.78.0.20")))).getMessage());
        Map<String, Object> reversed = new java.util.LinkedHashMap<>();
        reversed.put("start", "10.78.0.20");
        reversed.put("end", "10.78.0.10");
        assertEquals("The allocation pool {'start': '10.78.0.20', 'end': '10.78.0.10'} is not valid.",
                expect("InvalidAllocationPool", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "allocation_pools",
                        List.of(reversed))).getMessage());
        expect("InvalidAllocationPool", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "allocation_pools",
                List.of(pool("fd00::1", "fd00::5"))));
        assertEquals("Invalid input for operation: nexthop 'fd00::1' does not match the ip_version '4'.",
                expect("InvalidInput", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "host_routes",
                        List.of(body("destination", "10.0.0.0/8", "nexthop", "fd00::1")))).getMessage());
        expect("InvalidInput", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "dns_nameservers",
                List.of("fd00::1")));
        expect("DNSNameServersExhausted", () -> f.subnet(net, 4, "cidr", "10.78.0.0/24", "dns_nameservers",
                List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.6")));
    }

    @Test
    public void updateRules() {
        String id = (String) f.subnet(net, 4, "cidr", "10.0.1.0/24", "gateway_ip", "10.0.1.254", "allocation_pools",
                List.of(pool("10.0.1.10", "10.0.1.20"), pool("10.0.1.100", "10.0.1.110"))).get("id");
        Map<String, Object> u = f.subnets.update(TestJpa.ADMIN, id, body("name", "renamed", "allocation_pools",
                List.of(pool("10.0.1.10", "10.0.1.30"))));
        assertEquals("renamed", u.get("name"));
        assertEquals(List.of(pool("10.0.1.10", "10.0.1.30")), u.get("allocation_pools"));
        assertEquals(2L, u.get("revision_number"));
        expect("GatewayConflictWithAllocationPools",
                () -> f.subnets.update(TestJpa.ADMIN, id, body("gateway_ip", "10.0.1.15")));
        assertNull(f.subnets.update(TestJpa.ADMIN, id, body("gateway_ip", null)).get("gateway_ip"));
        assertEquals("10.0.1.1", f.subnets.update(TestJpa.ADMIN, id, body("gateway_ip", "10.0.1.1")).get("gateway_ip"));
        String v6 = (String) f.subnet(net, 6, "cidr", "fd00:9::/64", "ipv6_address_mode", "slaac").get("id");
        expect("InvalidInput", () -> f.subnets.update(TestJpa.ADMIN, v6, body("enable_dhcp", false)));
    }

    @Test
    public void deleteWhileInUse() {
        String id = (String) f.subnet(net, 4, "cidr", "10.0.0.0/24").get("id");
        f.jpa.tx(em -> Ipam.allocate(em, net, "port1", null, "fa:16:3e:00:00:01", "compute:nova"));
        f.jpa.tx(em -> Ipam.allocate(em, net, "dhcp1", null, "fa:16:3e:00:00:02", "network:dhcp"));
        assertEquals("Unable to complete operation on subnet " + id
                + ": One or more ports have an IP allocation from this subnet.",
                expect("SubnetInUse", () -> f.subnets.delete(TestJpa.ADMIN, id)).getMessage());
        f.jpa.tx(em -> Ipam.release(em, "port1"));
        f.subnets.delete(TestJpa.ADMIN, id);
        expect("SubnetNotFound", () -> f.subnets.get(TestJpa.ADMIN, id));
        assertEquals(Map.of(), f.jpa.txExpr(em -> Ipam.fixedIpsOf(em, PageKeys.of(List.of("dhcp1")))));
    }

    @Test
    public void listFiltersAndBulk() {
        String other = f.network("n2");
        f.subnets.createBulk(TestJpa.ADMIN, List.of(f.subnetBody(net, 4, "cidr", "10.0.0.0/24"),
                f.subnetBody(other, 4, "cidr", "10.0.0.0/24")));
        List<Map<String, Object>> mine = f.subnets.list(TestJpa.ADMIN, new ListQuery(Map.of("network_id",
                List.of(net)), List.of(), 0, null, false));
        assertEquals(1, mine.size());
        // the second item overlaps the first: nothing of the bulk stays
        expect("InvalidInput", () -> f.subnets.createBulk(TestJpa.ADMIN, List.of(
                f.subnetBody(net, 4, "cidr", "10.1.0.0/24"), f.subnetBody(net, 4, "cidr", "10.1.0.0/25"))));
        assertEquals(2, f.subnets.list(TestJpa.ADMIN, ListQuery.all()).size());
    }
    /** A network's {@code subnets} are oldest first, whatever their ids; the same instant falls back on the id. */
    @Test
    public void aNetworksSubnetsAreOldestFirst() {
        String net = f.network("n");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add((String) f.subnet(net, 4, "cidr", "10.7." + i + ".0/24").get("id"));
        }
        List<String> byId = ids.stream().sorted().toList();
        // the greatest id is the oldest, the two others were made in the same instant
        f.jpa.tx(em -> {
            em.createQuery("UPDATE SubnetEntity s SET s.createdAt = :t WHERE s.id = :id")
                    .setParameter("t", java.time.LocalDateTime.of(2020, 1, 1, 0, 0)).setParameter("id", byId.get(2))
                    .executeUpdate();
            em.createQuery("UPDATE SubnetEntity s SET s.createdAt = :t WHERE s.id <> :id")
                    .setParameter("t", java.time.LocalDateTime.of(2021, 1, 1, 0, 0)).setParameter("id", byId.get(2))
                    .executeUpdate();
        });
        assertEquals(List.of(byId.get(2), byId.get(0), byId.get(1)),
                f.networks.get(TestJpa.ADMIN, net).get("subnets"));
    }
}
