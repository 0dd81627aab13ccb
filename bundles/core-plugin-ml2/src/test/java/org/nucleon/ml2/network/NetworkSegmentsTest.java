package org.nucleon.ml2.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.rbac.TestRbac;
import org.nucleon.ml2.type.Ml2Config;
import org.nucleon.ml2.type.TestTypes;

/** Segments, provider attributes and MTUs, checked against the reference Neutron's answers. */
public class NetworkSegmentsTest {
    private static final String TYPE = "provider:network_type";
    private static final String PHYSNET = "provider:physical_network";
    private static final String SEG_ID = "provider:segmentation_id";

    private TestJpa jpa;
    private NetworkHandler networks;

    /** A fresh database and handler, with ML2 settings over the reference defaults. */
    private void start(String... config) {
        jpa = new TestJpa();
        networks = new NetworkHandler();
        networks.jpa = jpa;
        networks.types = TestTypes.manager(config);
        networks.rbac = TestRbac.handler(jpa);
    }

    @After
    public void tearDown() {
        jpa.close();
    }

    private Map<String, Object> create(Object... attributes) {
        Map<String, Object> body = new HashMap<>(Map.of("tenant_id", "p1", "admin_state_up", true, "shared", false));
        for (int i = 0; i < attributes.length; i += 2) {
            body.put((String) attributes[i], attributes[i + 1]);
        }
        return networks.create(TestJpa.ADMIN, body);
    }

    private NeutronException fails(int status, String type, String message, Runnable call) {
        try {
            call.run();
        } catch (NeutronException e) {
            assertEquals(type, e.type());
            assertEquals(status, e.status());
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            return e;
        }
        throw new AssertionError("no " + type);
    }

    private static String invalid(String message) {
        return "Invalid input for operation: " + message + ".";
    }

    private static long segmentationId(Map<String, Object> network) {
        return ((Number) network.get(SEG_ID)).longValue();
    }

    @Test
    public void tenantNetworkGetsAVxlanSegmentAsSample010() {
        start();
        Map<String, Object> n = create("name", "net1");
        assertEquals("vxlan", n.get(TYPE));
        assertNull(n.get(PHYSNET));
        long vni = segmentationId(n);
        assertTrue(vni >= 1 && vni <= 1000);
        assertEquals(1450, n.get("mtu"));
        assertEquals(true, n.get("port_security_enabled"));
        assertEquals(false, n.get("router:external"));
        assertFalse(n.containsKey("segments"));
        assertEquals(n, networks.get(TestJpa.ADMIN, (String) n.get("id")));
    }

    @Test
    public void vlanProviderNetworks() {
        start();
        Map<String, Object> n = create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 150);
        assertEquals(150L, n.get(SEG_ID));
        assertEquals(1500, n.get("mtu"));
        fails(409, "VlanIdInUse", "Unable to create the network. The VLAN 150 on physical network physnet1 is in use.",
                () -> create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 150));
        // outside the tenant range but a valid tag
        assertEquals(7L, create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 7).get(SEG_ID));
        long partial = segmentationId(create(TYPE, "vlan"));
        assertTrue(partial >= 100 && partial <= 200);
        fails(400, "InvalidInput", invalid("physical_network 'physnetX' unknown for VLAN provider network"),
                () -> create(TYPE, "vlan", PHYSNET, "physnetX", SEG_ID, 150));
        for (long bad : List.of(0L, 4095L, -5L)) {
            fails(400, "InvalidInput", invalid("segmentation_id out of range (1 through 4094)"),
                    () -> create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, bad));
        }
        fails(400, "InvalidInput", invalid("segmentation_id requires physical_network for VLAN provider network"),
                () -> create(TYPE, "vlan", SEG_ID, 150));
    }

    @Test
    public void vlanPhysnetWithoutRangeNeedsAnId() {
        start(Ml2Config.NETWORK_VLAN_RANGES, "physnet1:100:200,physnet2");
        fails(400, "InvalidInput", invalid("Physical network physnet2 requires segmentation_id to be specified when "
                + "creating a provider network"), () -> create(TYPE, "vlan", PHYSNET, "physnet2"));
        assertEquals("physnet2", create(TYPE, "vlan", PHYSNET, "physnet2", SEG_ID, 5).get(PHYSNET));
    }

    @Test
    public void flatProviderNetworksAsSample018() {
        start();
        Map<String, Object> n = create("name", "public", "router:external", true, TYPE, "flat", PHYSNET, "public");
        assertEquals("public", n.get(PHYSNET));
        assertNull(n.get(SEG_ID));
        assertEquals(true, n.get("router:external"));
        assertEquals(1500, n.get("mtu"));
        fails(409, "FlatNetworkInUse", "Unable to create the flat network. Physical network public is in use.",
                () -> create(TYPE, "flat", PHYSNET, "public"));
        fails(400, "InvalidInput", invalid("physical_network required for flat provider network"),
                () -> create(TYPE, "flat"));
        fails(400, "InvalidInput", invalid("segmentation_id prohibited for flat provider network"),
                () -> create(TYPE, "flat", PHYSNET, "other", SEG_ID, 3));
        networks.delete(TestJpa.ADMIN, (String) n.get("id"));
        assertEquals("public", create(TYPE, "flat", PHYSNET, "public").get(PHYSNET));
    }

    @Test
    public void flatNetworksLimitedOrDisabledByConfig() {
        start(Ml2Config.FLAT_NETWORKS, "ext");
        fails(400, "InvalidInput", invalid("physical_network 'public' unknown for flat provider network"),
                () -> create(TYPE, "flat", PHYSNET, "public"));
        assertEquals("ext", create(TYPE, "flat", PHYSNET, "ext").get(PHYSNET));
        jpa.close();
        start(Ml2Config.FLAT_NETWORKS, "");
        fails(400, "InvalidInput", invalid("Flat provider networks are disabled"),
                () -> create(TYPE, "flat", PHYSNET, "ext"));
    }

    @Test
    public void localNetworksHaveTheGlobalMtu() {
        start();
        Map<String, Object> n = create(TYPE, "local");
        assertEquals(1500, n.get("mtu"));
        assertNull(n.get(SEG_ID));
        create(TYPE, "local");
        fails(400, "InvalidInput", invalid("physical_network prohibited for local provider network"),
                () -> create(TYPE, "local", PHYSNET, "x"));
        fails(400, "InvalidInput", invalid("segmentation_id prohibited for local provider network"),
                () -> create(TYPE, "local", SEG_ID, 5));
        fails(400, "InvalidInput", invalid("Requested MTU is too big, maximum is 1500"),
                () -> create(TYPE, "local", "mtu", 9000));
    }

    @Test
    public void vxlanProviderNetworks() {
        start();
        // Neutron takes any id for a provider tunnel, inside the tenant ranges or not
        assertEquals(16777216L, create(TYPE, "vxlan", SEG_ID, 16777216).get(SEG_ID));
        assertEquals(5L, create(TYPE, "vxlan", SEG_ID, 5).get(SEG_ID));
        fails(409, "TunnelIdInUse", "Unable to create the network. The tunnel ID 5 is in use.",
                () -> create(TYPE, "vxlan", SEG_ID, 5));
        fails(400, "InvalidInput", invalid("provider:physical_network specified for vxlan network"),
                () -> create(TYPE, "vxlan", PHYSNET, "x"));
        long partial = segmentationId(create(TYPE, "vxlan"));
        assertTrue(partial != 5 && partial >= 1 && partial <= 1000);
    }

    @Test
    public void unknownOrUnloadedTypes() {
        start();
        fails(400, "InvalidInput", invalid("network_type value 'bogus' not supported"), () -> create(TYPE, "bogus"));
        // gre has a driver but is not in the reference's type_drivers
        fails(400, "InvalidInput", invalid("network_type value 'gre' not supported"), () -> create(TYPE, "gre"));
        fails(400, "InvalidInput", invalid("network_type required"), () -> create(SEG_ID, 77));
        fails(400, "InvalidInput", invalid("network_type required"), () -> create(PHYSNET, "physnet1"));
    }

    @Test
    public void tunnelMtus() {
        start(Ml2Config.TYPE_DRIVERS, "vxlan,gre,geneve", Ml2Config.GRE_TUNNEL_ID_RANGES, "1:10",
                Ml2Config.GENEVE_VNI_RANGES, "1:10");
        assertEquals(1450, create(TYPE, "vxlan").get("mtu"));
        assertEquals(1458, create(TYPE, "gre").get("mtu"));
        assertEquals(1450, create(TYPE, "geneve").get("mtu"));
        assertEquals(4294967295L, create(TYPE, "gre", SEG_ID, 4294967295L).get(SEG_ID));
        jpa.close();
        start(Ml2Config.TYPE_DRIVERS, "geneve", Ml2Config.TENANT_NETWORK_TYPES, "geneve",
                Ml2Config.GENEVE_VNI_RANGES, "1:10", Ml2Config.GENEVE_MAX_HEADER_SIZE, "38",
                Ml2Config.GLOBAL_PHYSNET_MTU, "9000", Ml2Config.PATH_MTU, "1500");
        assertEquals(1442, create().get("mtu"));
    }

    @Test
    public void physnetMtusAndIpv6Overlay() {
        start(Ml2Config.PHYSICAL_NETWORK_MTUS, "physnet1:1400", Ml2Config.OVERLAY_IP_VERSION, "6");
        assertEquals(1400, create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 120).get("mtu"));
        assertEquals(1500, create(TYPE, "flat", PHYSNET, "other").get("mtu"));
        assertEquals(1430, create().get("mtu"));
    }

    @Test
    public void writableMtu() {
        start();
        fails(400, "InvalidInput", invalid("Requested MTU is too big, maximum is 1450"), () -> create("mtu", 9000));
        Map<String, Object> n = create("mtu", 1400);
        assertEquals(1400, n.get("mtu"));
        assertEquals(1450, create("mtu", 0).get("mtu"));
        String id = (String) n.get("id");
        assertEquals(1300, networks.update(TestJpa.ADMIN, id, Map.of("mtu", 1300)).get("mtu"));
        fails(400, "InvalidInput", invalid("Requested MTU is too big, maximum is 1450"),
                () -> networks.update(TestJpa.ADMIN, id, Map.of("mtu", 1451)));
        assertEquals(1300, networks.get(TestJpa.ADMIN, id).get("mtu"));
        // a rejected create leaves no segment taken behind: the same VLAN is free afterwards
        fails(400, "InvalidInput", null, () -> create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 101, "mtu", 9000));
        assertEquals(101L, create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 101).get(SEG_ID));
    }

    @Test
    public void tenantPoolExhaustionAndReuseAfterDelete() {
        start(Ml2Config.VXLAN_VNI_RANGES, "1:3");
        List<String> ids = new ArrayList<>();
        Set<Long> vnis = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> n = create();
            ids.add((String) n.get("id"));
            vnis.add(segmentationId(n));
        }
        assertEquals(Set.of(1L, 2L, 3L), vnis);
        fails(503, "NoNetworkAvailable",
                "Unable to create the network. No tenant network is available for allocation.", this::create);
        long freed = segmentationId(networks.get(TestJpa.ADMIN, ids.get(1)));
        networks.delete(TestJpa.ADMIN, ids.get(1));
        assertEquals(freed, segmentationId(create()));
        fails(503, "NoNetworkAvailable", null, this::create);
    }

    @Test
    public void tenantTypesAreTriedInOrder() {
        start(Ml2Config.TENANT_NETWORK_TYPES, "vxlan,vlan", Ml2Config.VXLAN_VNI_RANGES, "1:1",
                Ml2Config.NETWORK_VLAN_RANGES, "physnet1:100:100");
        assertEquals("vxlan", create().get(TYPE));
        Map<String, Object> vlan = create();
        assertEquals("vlan", vlan.get(TYPE));
        assertEquals(100L, vlan.get(SEG_ID));
        assertEquals(1500, vlan.get("mtu"));
        fails(503, "NoNetworkAvailable", null, this::create);
    }

    @Test
    public void concurrentCreatesNeverShareASegmentationId() throws Exception {
        start(Ml2Config.VXLAN_VNI_RANGES, "1:40");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> segmentationId(create())));
            }
            Set<Long> vnis = Collections.synchronizedSet(new HashSet<>());
            for (Future<Long> f : results) {
                assertTrue("a VNI given twice", vnis.add(f.get()));
            }
            assertEquals(40, vnis.size());
        } finally {
            pool.shutdownNow();
        }
        fails(503, "NoNetworkAvailable", null, this::create);
    }

    @Test
    public void multiProviderNetworks() {
        start();
        List<Object> segments = List.of(
                new HashMap<>(Map.of(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 160)),
                new HashMap<>(Map.of(TYPE, "vxlan")));
        Map<String, Object> n = create("segments", segments);
        assertFalse(n.containsKey(TYPE));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) n.get("segments");
        assertEquals(2, shown.size());
        assertEquals(160L, shown.get(0).get(SEG_ID));
        assertEquals("vxlan", shown.get(1).get(TYPE));
        assertNull(shown.get(1).get(PHYSNET));
        assertEquals(1450, n.get("mtu"));
        // one segment in the list shows as provider attributes; an empty list is a tenant network
        assertEquals("local", create("segments", List.of(Map.of(TYPE, "local"))).get(TYPE));
        assertEquals("vxlan", create("segments", List.of()).get(TYPE));
        // two partial segments are no duplicates
        assertEquals(2, ((List<?>) create("segments", List.of(Map.of(TYPE, "vxlan"), Map.of(TYPE, "vxlan")))
                .get("segments")).size());
        fails(400, "SegmentsContainDuplicateEntry", "Duplicate segment entry in request.", () -> create("segments",
                List.of(Map.of(TYPE, "vxlan", SEG_ID, 555), Map.of(TYPE, "vxlan", SEG_ID, 555))));
        fails(400, "SegmentsSetInConjunctionWithProviders", "Segments and provider values cannot both be set.",
                () -> create(TYPE, "vxlan", "segments", List.of(Map.of(TYPE, "vxlan"))));
        fails(400, "InvalidInput", invalid("network_type required"),
                () -> create("segments", List.of(Map.of(SEG_ID, 7))));
        // deleting frees every segment
        networks.delete(TestJpa.ADMIN, (String) n.get("id"));
        assertEquals(160L, create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 160).get(SEG_ID));
    }

    @Test
    public void providerUpdates() {
        start();
        Map<String, Object> vxlan = create();
        String vx = (String) vxlan.get("id");
        // repeating the current values is no change
        assertEquals("vxlan", networks.update(TestJpa.ADMIN, vx, Map.of(TYPE, "vxlan")).get(TYPE));
        // the tenant VNI is drawn at random: ask for one it is not
        int otherVni = ((Number) vxlan.get(SEG_ID)).intValue() == 5 ? 6 : 5;
        String immutable = invalid("Plugin does not support updating the following provider network attributes: "
                + "provider:network_type, provider:physical_network");
        fails(400, "InvalidInput", immutable, () -> networks.update(TestJpa.ADMIN, vx, Map.of(TYPE, "vlan")));
        fails(400, "InvalidInput", immutable, () -> networks.update(TestJpa.ADMIN, vx, Map.of(PHYSNET, "physnet1")));
        fails(400, "InvalidInput", "Invalid input for operation: Only VLAN type networks can be updated..",
                () -> networks.update(TestJpa.ADMIN, vx, Map.of(SEG_ID, otherVni)));

        String vlan = (String) create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 132).get("id");
        create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 151);
        assertEquals(133L, networks.update(TestJpa.ADMIN, vlan, Map.of(SEG_ID, 133)).get(SEG_ID));
        fails(409, "VlanIdInUse", null, () -> networks.update(TestJpa.ADMIN, vlan, Map.of(SEG_ID, 151)));
        fails(400, "InvalidInput", invalid("segmentation_id out of range (1 through 4094)"),
                () -> networks.update(TestJpa.ADMIN, vlan, Map.of(SEG_ID, 5000)));
        assertEquals(133L, networks.get(TestJpa.ADMIN, vlan).get(SEG_ID));
        // the old VLAN was freed, the new one is taken
        create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 132);
        fails(409, "VlanIdInUse", null, () -> create(TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 133));
    }

    @Test
    public void externalAndPortSecurityAreStoredAndFilterable() {
        start();
        String id = (String) create("name", "a", "port_security_enabled", false).get("id");
        create("name", "b", TYPE, "vlan", PHYSNET, "physnet1", SEG_ID, 120);
        Map<String, Object> updated = networks.update(TestJpa.ADMIN, id, Map.of("router:external", true));
        assertEquals(true, updated.get("router:external"));
        assertEquals(false, updated.get("port_security_enabled"));
        List<SortKey> byId = List.of(new SortKey("id", true));
        assertEquals(List.of("a"), names(new ListQuery(Map.of("router:external", List.of(true)), byId, 0, null, false)));
        assertEquals(List.of("b"), names(new ListQuery(Map.of(TYPE, List.of("vlan")), byId, 0, null, false)));
        assertEquals(List.of("b"), names(new ListQuery(Map.of(SEG_ID, List.of(120), PHYSNET, List.of("physnet1")),
                byId, 0, null, false)));
        assertEquals(List.of(), names(new ListQuery(Map.of(TYPE, List.of("flat")), byId, 0, null, false)));
        assertEquals(List.of("b"), names(new ListQuery(Map.of("mtu", List.of(1500)), byId, 0, null, false)));
    }

    private List<Object> names(ListQuery q) {
        return networks.list(TestJpa.ADMIN, q).stream().map(m -> m.get("name")).toList();
    }
}
