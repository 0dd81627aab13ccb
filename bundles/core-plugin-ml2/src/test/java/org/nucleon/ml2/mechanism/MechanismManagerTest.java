package org.nucleon.ml2.mechanism;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.MechanismDriver;
import org.nucleon.ml2.spi.PortBinding;
import org.osgi.framework.Constants;

public class MechanismManagerTest {
    private final MechanismManager manager = new MechanismManager();
    private final List<String> calls = new ArrayList<>();

    private MechanismDriver driver(String name, boolean vetoNetworks, PortBinding binding) {
        return new MechanismDriver() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void createNetworkPrecommit(MechanismContext c) {
                calls.add(name + ":create_network_precommit:" + c.current().get("id"));
                if (vetoNetworks) {
                    throw new NeutronException(400, "InvalidInput", "vetoed by " + name);
                }
            }

            @Override
            public void createNetworkPostcommit(MechanismContext c) {
                calls.add(name + ":create_network_postcommit");
                throw new IllegalStateException("postcommit failures are only logged");
            }

            @Override
            public PortBinding bindPort(MechanismContext c) {
                calls.add(name + ":bind_port");
                return binding;
            }
        };
    }

    private static ResourceEvent network(Event e) {
        return new ResourceEvent("network", e, null, "n1", Map.of("id", "n1"), null, null);
    }

    @Test
    public void driversRunByRankingAndPrecommitVetoes() {
        manager.bindDriver(driver("low", true, null), Map.of(Constants.SERVICE_RANKING, 1));
        manager.bindDriver(driver("high", false, null), Map.of(Constants.SERVICE_RANKING, 10));
        assertEquals(List.of("high", "low"), manager.driverNames());
        try {
            manager.handle(network(Event.PRECOMMIT_CREATE));
            fail("the low driver vetoes");
        } catch (NeutronException e) {
            assertEquals("vetoed by low", e.getMessage());
        }
        assertEquals(List.of("high:create_network_precommit:n1", "low:create_network_precommit:n1"), calls);
        calls.clear();
        manager.handle(network(Event.AFTER_CREATE));
        assertEquals(List.of("high:create_network_postcommit", "low:create_network_postcommit"), calls);
    }

    @Test
    public void theFirstDriverThatBindsWinsAndUnloadedDriversAreNotAsked() {
        MechanismDriver passes = driver("passes", false, null);
        MechanismDriver binds = driver("binds", false, new PortBinding("other", Map.of("k", "v"), "seg"));
        manager.bindDriver(passes, Map.of(Constants.SERVICE_RANKING, 5));
        manager.bindDriver(binds, Map.of());
        MechanismContext port = new MechanismContext(null, Map.of("id", "p1"), null, List.of(), "host-1");
        assertEquals("other", manager.bindPort(port).vifType());
        assertEquals(List.of("passes:bind_port", "binds:bind_port"), calls);
        manager.unbindDriver(binds);
        assertNull(manager.bindPort(port));
    }
}
