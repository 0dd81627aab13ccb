package org.nucleon.ml2.type;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

public class IdRangeTest {
    @Test
    public void parsesTunnelRanges() {
        Ml2Config c = new Ml2Config(Map.of(Ml2Config.VXLAN_VNI_RANGES, " 1:10 , 20:20"));
        assertEquals(List.of(new IdRange(1, 10), new IdRange(20, 20)), c.ranges(Ml2Config.VXLAN_VNI_RANGES, 100));
        assertEquals(List.of(), new Ml2Config(Map.of(Ml2Config.GRE_TUNNEL_ID_RANGES, "")).ranges(
                Ml2Config.GRE_TUNNEL_ID_RANGES, 100));
    }

    @Test
    public void rejectsBadRanges() {
        for (String bad : List.of("5", "1:x", "10:1", "0:5", "1:101", "1:2:3")) {
            try {
                new Ml2Config(Map.of(Ml2Config.VXLAN_VNI_RANGES, bad)).ranges(Ml2Config.VXLAN_VNI_RANGES, 100);
                fail(bad + " accepted");
            } catch (IllegalArgumentException expected) {
                // the component does not activate with it
            }
        }
    }

    @Test
    public void parsesVlanRangesWithBarePhysnets() {
        Ml2Config c = new Ml2Config(Map.of(Ml2Config.NETWORK_VLAN_RANGES, "physnet1:100:200,physnet2,physnet1:300:300"));
        Map<String, List<IdRange>> r = c.vlanRanges(1, 4094);
        assertEquals(List.of("physnet1", "physnet2"), List.copyOf(r.keySet()));
        assertEquals(List.of(new IdRange(100, 200), new IdRange(300, 300)), r.get("physnet1"));
        assertEquals(List.of(), r.get("physnet2"));
        try {
            new Ml2Config(Map.of(Ml2Config.NETWORK_VLAN_RANGES, "physnet1:0:5")).vlanRanges(1, 4094);
            fail("VLAN 0 accepted");
        } catch (IllegalArgumentException expected) {
            // not a valid tag
        }
    }

    @Test
    public void defaultsAreTheReferenceDeployment() {
        Ml2Config c = new Ml2Config(null);
        assertEquals(List.of("flat", "vlan", "vxlan", "local"), c.list(Ml2Config.TYPE_DRIVERS));
        assertEquals(List.of(new IdRange(1, 1000)), c.ranges(Ml2Config.VXLAN_VNI_RANGES, 1000));
        assertEquals(1500, c.integer(Ml2Config.GLOBAL_PHYSNET_MTU));
        assertEquals(Map.of("physnet2", 9000), new Ml2Config(Map.of(Ml2Config.PHYSICAL_NETWORK_MTUS, "physnet2:9000"))
                .physnetMtus());
    }

    @Test
    public void picksOnlyFreeIdsUntilNoneIsLeft() {
        List<IdRange> ranges = List.of(new IdRange(5, 9), new IdRange(8, 12), new IdRange(20, 21));
        TreeSet<Long> taken = new TreeSet<>(List.of(6L, 10L, 20L, 99L));
        Random random = new Random(7);
        Set<Long> picked = new HashSet<>();
        Long id;
        while ((id = IdRange.pickFree(ranges, taken, random)) != null) {
            assertTrue(id + " picked twice", taken.add(id));
            picked.add(id);
        }
        assertEquals(Set.of(5L, 7L, 8L, 9L, 11L, 12L, 21L), picked);
        assertNull(IdRange.pickFree(List.of(), new TreeSet<>(), random));
    }
}
