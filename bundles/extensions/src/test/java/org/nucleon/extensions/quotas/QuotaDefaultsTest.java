package org.nucleon.extensions.quotas;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import org.junit.Test;

public class QuotaDefaultsTest {
    @Test
    public void neutronsDefaultsWhenNothingIsConfigured() {
        QuotaDefaults d = QuotaDefaults.from(Map.of());
        assertEquals(100, d.limit("network"));
        assertEquals(100, d.limit("subnet"));
        assertEquals(500, d.limit("port"));
        assertEquals(10, d.limit("router"));
        assertEquals(50, d.limit("floatingip"));
        assertEquals(10, d.limit("security_group"));
        assertEquals(100, d.limit("security_group_rule"));
        assertEquals(10, d.limit("rbac_policy"));
        assertEquals(-1, d.limit("subnetpool"));
        assertEquals(-1, d.limit("trunk"));
    }

    @Test
    public void quotaOptionsPerResourceAndDefaultQuotaForTheRest() {
        QuotaDefaults d = QuotaDefaults.from(Map.of("quota_port", " 20 ", "default_quota", "5", "quota_trunk", "2",
                "quota_network", "ten", "service.pid", "org.nucleon.quotas"));
        assertEquals(20, d.limit("port"));
        assertEquals(2, d.limit("trunk"));
        assertEquals(5, d.limit("subnetpool"));
        // not an integer: Neutron's default stays
        assertEquals(100, d.limit("network"));
    }
}
