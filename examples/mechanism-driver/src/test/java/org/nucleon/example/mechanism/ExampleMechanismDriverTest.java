package org.nucleon.example.mechanism;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.MechanismDriver;
import org.nucleon.ml2.spi.PortBinding;

public class ExampleMechanismDriverTest {
    private final ExampleMechanismDriver driver = new ExampleMechanismDriver();

    @Before
    public void activate() {
        driver.activate(new ExampleMechanismDriver.Config() {
            @Override
            public String host_prefix() {
                return "fake-";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ExampleMechanismDriver.Config.class;
            }
        });
    }

    private static MechanismContext context(String id, String host) {
        return new MechanismContext(null, Map.of("id", id), null, List.of(Map.of("id", "seg-1",
                "network_type", "vlan")), host);
    }

    @Test
    public void recordsEachOfTheEighteenCallsByNameWithTheResourcesId() {
        Map<String, BiConsumer<MechanismDriver, MechanismContext>> calls = new java.util.LinkedHashMap<>();
        calls.put("create_network_precommit", MechanismDriver::createNetworkPrecommit);
        calls.put("create_network_postcommit", MechanismDriver::createNetworkPostcommit);
        calls.put("update_network_precommit", MechanismDriver::updateNetworkPrecommit);
        calls.put("update_network_postcommit", MechanismDriver::updateNetworkPostcommit);
        calls.put("delete_network_precommit", MechanismDriver::deleteNetworkPrecommit);
        calls.put("delete_network_postcommit", MechanismDriver::deleteNetworkPostcommit);
        calls.put("create_subnet_precommit", MechanismDriver::createSubnetPrecommit);
        calls.put("create_subnet_postcommit", MechanismDriver::createSubnetPostcommit);
        calls.put("update_subnet_precommit", MechanismDriver::updateSubnetPrecommit);
        calls.put("update_subnet_postcommit", MechanismDriver::updateSubnetPostcommit);
        calls.put("delete_subnet_precommit", MechanismDriver::deleteSubnetPrecommit);
        calls.put("delete_subnet_postcommit", MechanismDriver::deleteSubnetPostcommit);
        calls.put("create_port_precommit", MechanismDriver::createPortPrecommit);
        calls.put("create_port_postcommit", MechanismDriver::createPortPostcommit);
        calls.put("update_port_precommit", MechanismDriver::updatePortPrecommit);
        calls.put("update_port_postcommit", MechanismDriver::updatePortPostcommit);
        calls.put("delete_port_precommit", MechanismDriver::deletePortPrecommit);
        calls.put("delete_port_postcommit", MechanismDriver::deletePortPostcommit);
        List<String> expected = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, BiConsumer<MechanismDriver, MechanismContext>> c : calls.entrySet()) {
            c.getValue().accept(driver, context("id-" + i, null));
            expected.add(c.getKey() + " id-" + i++);
        }
        assertEquals(expected, driver.calls());
    }

    @Test
    public void bindsItsHostsOnTheFirstSegmentAndRecordsTheAttempts() {
        PortBinding b = driver.bindPort(context("p1", "fake-host"));
        assertEquals("fake", b.vifType());
        assertEquals("seg-1", b.segmentId());
        assertEquals(Map.of("port_filter", false, "bound_by", "example"), b.vifDetails());
        assertNull(driver.bindPort(context("p2", "real-host")));
        assertNull(driver.bindPort(context("p3", null)));
        assertEquals(List.of("bind_port p1", "bind_port p2", "bind_port p3"), driver.calls());
    }

    @Test
    public void keepsTheLastThousandCalls() {
        for (int i = 0; i < 1005; i++) {
            driver.createPortPostcommit(context("p" + i, null));
        }
        List<String> kept = driver.calls();
        assertEquals(1000, kept.size());
        assertEquals("create_port_postcommit p5", kept.get(0));
        assertEquals("create_port_postcommit p1004", kept.get(999));
    }
}
