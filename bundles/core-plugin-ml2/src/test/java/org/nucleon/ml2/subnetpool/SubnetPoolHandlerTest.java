package org.nucleon.ml2.subnetpool;

import static org.junit.Assert.assertEquals;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.ml2.Ml2Fixture;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.addressscope.AddressScopes;
import org.nucleon.ml2.ipam.Ipam;

public class SubnetPoolHandlerTest {
    private Ml2Fixture f;

    @Before
    public void setUp() {
        f = new Ml2Fixture();
    }

    @After
    public void tearDown() {
        f.close();
    }

    private String id(Map<String, Object> m) {
        return (String) m.get("id");
    }

    @Test
    public void defaultsAndMergedPrefixes() {
        Map<String, Object> p = f.pool("prefixes", List.of("10.153.0.0/16", "10.153.1.0/24", "10.154.0.0/24",
                "10.154.1.0/24"));
        assertEquals(List.of("10.153.0.0/16", "10.154.0.0/23"), p.get("prefixes"));
        assertEquals("8", p.get("min_prefixlen"));
        assertEquals("32", p.get("max_prefixlen"));
        assertEquals("8", p.get("default_prefixlen"));
        assertEquals(4, p.get("ip_version"));
        Map<String, Object> v6 = f.pool("prefixes", List.of("fd00:99::/48"));
        assertEquals(List.of("64", "64", "128"), List.of(v6.get("default_prefixlen"), v6.get("min_prefixlen"),
                v6.get("max_prefixlen")));
    }

    @Test
    public void prefixChecks() {
        expect("EmptySubnetPoolPrefixList", () -> f.pool("prefixes", List.of()));
        expect("PrefixVersionMismatch", () -> f.pool("prefixes", List.of("10.0.0.0/16", "fd00::/48")));
        assertEquals("Illegal prefix bounds: min_prefixlen=28, max_prefixlen=24.", expect("IllegalSubnetPoolPrefixBounds",
                () -> f.pool("prefixes", List.of("10.0.0.0/16"), "min_prefixlen", 28, "max_prefixlen", 24)).getMessage());
        assertEquals("Illegal prefix bounds: max_prefixlen=33, ip_version_max=32.", expect("IllegalSubnetPoolPrefixBounds",
                () -> f.pool("prefixes", List.of("10.0.0.0/16"), "max_prefixlen", 33)).getMessage());
        String id = id(f.pool("prefixes", List.of("10.0.0.0/16"), "default_prefixlen", 24));
        assertEquals("Illegal prefix bounds: default_prefixlen=24, min_prefixlen=30.", expect(
                "IllegalSubnetPoolPrefixBounds", () -> f.pools.update(TestJpa.ADMIN, id, body("min_prefixlen", 30)))
                .getMessage());
        expect("IllegalSubnetPoolPrefixUpdate", () -> f.pools.update(TestJpa.ADMIN, id,
                body("prefixes", List.of("10.170.0.0/16"))));
        assertEquals(List.of("10.0.0.0/15"), f.pools.update(TestJpa.ADMIN, id,
                body("prefixes", List.of("10.0.0.0/16", "10.1.0.0/16"))).get("prefixes"));
    }

    @Test
    public void subnetsFromAPool() {
        String pool = id(f.pool("prefixes", List.of("10.100.0.0/16"), "default_prefixlen", 26, "min_prefixlen", 24,
                "max_prefixlen", 28));
        String net = f.network("n");
        Map<String, Object> s = f.subnet(net, 4, "subnetpool_id", pool);
        assertEquals("10.100.0.0/26", s.get("cidr"));
        assertEquals("10.100.0.1", s.get("gateway_ip"));
        assertEquals(List.of(body("start", "10.100.0.2", "end", "10.100.0.62")), s.get("allocation_pools"));
        Map<String, Object> s28 = f.subnet(net, 4, "subnetpool_id", pool, "prefixlen", 28);
        assertEquals("10.100.0.64/28", s28.get("cidr"));
        assertEquals("10.100.0.65", s28.get("gateway_ip"));
        assertEquals("10.100.1.0/24", f.subnet(net, 4, "subnetpool_id", pool, "cidr", "10.100.1.0/24").get("cidr"));
        expect("SubnetAllocationError", () -> f.subnet(net, 4, "subnetpool_id", pool, "cidr", "10.100.1.0/25"));
        expect("SubnetAllocationError", () -> f.subnet(net, 4, "subnetpool_id", pool, "cidr", "10.99.0.0/24"));
        assertEquals("Unable to allocate subnet with prefix length 4, minimum allowed prefix is 24.",
                expect("MinPrefixSubnetAllocationError", () -> f.subnet(net, 4, "subnetpool_id", pool, "prefixlen", 4))
                        .getMessage());
        expect("MaxPrefixSubnetAllocationError", () -> f.subnet(net, 4, "subnetpool_id", pool, "prefixlen", 29));
        assertEquals("Bad subnets request: Cannot allocate IPv6 subnet from IPv4 subnet pool.",
                expect("BadRequest", () -> f.subnet(f.network("v6"), 6, "subnetpool_id", pool)).getMessage());
        expect("SubnetPoolNotFound", () -> f.subnet(net, 4, "subnetpool_id", "11111111-1111-1111-1111-111111111111"));
        expect("NetworkSubnetPoolAffinityError", () -> f.subnet(net, 4, "cidr", "10.200.0.0/24"));
        expect("SubnetPoolDeleteError", () -> f.pools.delete(TestJpa.ADMIN, pool));
    }

    @Test
    public void defaultPool() {
        String net = f.network("n");
        assertEquals("Bad subnets request: No default subnetpool found for IPv4.", expect("BadRequest",
                () -> f.subnet(net, 4, "use_default_subnetpool", true)).getMessage());
        String dflt = id(f.pool("prefixes", List.of("10.10.0.0/16"), "default_prefixlen", 24, "is_default", true));
        expect("InvalidInput", () -> f.pool("prefixes", List.of("10.20.0.0/16"), "is_default", true));
        String other = id(f.pool("prefixes", List.of("10.20.0.0/16")));
        expect("InvalidInput", () -> f.pools.update(TestJpa.ADMIN, other, body("is_default", true)));
        Map<String, Object> s = f.subnet(net, 4, "use_default_subnetpool", true);
        assertEquals(dflt, s.get("subnetpool_id"));
        assertEquals("10.10.0.0/24", s.get("cidr"));
        f.pools.update(TestJpa.ADMIN, dflt, body("is_default", false));
        assertEquals(true, f.pools.update(TestJpa.ADMIN, other, body("is_default", true)).get("is_default"));
    }

    @Test
    public void prefixOperations() {
        String pool = id(f.pool("prefixes", List.of("10.150.0.0/16"), "default_prefixlen", 24));
        assertEquals(Map.of("prefixes", List.of("10.150.0.0/16", "10.160.0.0/16")), f.pools.action(TestJpa.ADMIN,
                pool, "add_prefixes", body("prefixes", List.of("10.160.0.0/16", "10.150.0.0/17"))));
        f.subnet(f.network("n"), 4, "subnetpool_id", pool);
        expect("IllegalSubnetPoolPrefixUpdate", () -> f.pools.action(TestJpa.ADMIN, pool, "remove_prefixes",
                body("prefixes", List.of("10.150.0.0/16"))));
        assertEquals(Map.of("prefixes", List.of("10.150.0.0/16", "10.160.0.0/17")), f.pools.action(TestJpa.ADMIN,
                pool, "remove_prefixes", body("prefixes", List.of("10.160.128.0/17"))));
        expect("HTTPBadRequest", () -> f.pools.action(TestJpa.ADMIN, pool, "add_prefixes", body()));
        expect("HTTPNotFound", () -> f.pools.action(TestJpa.ADMIN, pool, "frobnicate", body()));
    }

    @Test
    public void addressScopes() {
        String scope = id(f.scopes.create(TestJpa.ADMIN, body("tenant_id", "p1", "name", "s", "shared", false,
                "ip_version", 4)));
        String pool = id(f.pool("prefixes", List.of("10.200.0.0/16"), "address_scope_id", scope));
        expect("AddressScopePrefixConflict", () -> f.pool("prefixes", List.of("10.200.5.0/24"),
                "address_scope_id", scope));
        expect("IllegalSubnetPoolIpVersionAssociationToAddressScope", () -> f.pool("prefixes",
                List.of("fd00:200::/48"), "address_scope_id", scope));
        expect("AddressScopeNotFound", () -> f.pool("prefixes", List.of("10.1.0.0/16"), "address_scope_id",
                "11111111-1111-1111-1111-111111111111"));
        expect("AddressScopeInUse", () -> f.scopes.delete(TestJpa.ADMIN, scope));
        String net = f.network("n");
        f.subnet(net, 4, "subnetpool_id", pool, "prefixlen", 24);
        String plain = f.network("without-pool");
        f.subnet(plain, 4, "cidr", "10.9.0.0/24");
        Map<String, Map<String, Object>> scopes = f.jpa.txExpr(em -> AddressScopes.ofNetworks(em,
                Ipam.subnetsOf(em, List.of(net, plain))));
        assertEquals(scope, scopes.get(net).get("ipv4_address_scope"));
        assertEquals(null, scopes.get(net).get("ipv6_address_scope"));
        assertEquals(AddressScopes.none(), scopes.get(plain));
        assertEquals(scope, f.networks.get(TestJpa.ADMIN, net).get("ipv4_address_scope"));
        // an unscoped pool may overlap the scoped one
        f.pool("prefixes", List.of("10.200.0.0/16"));
    }
}
