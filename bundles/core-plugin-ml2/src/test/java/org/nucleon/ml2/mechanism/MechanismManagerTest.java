package org.nucleon.ml2.mechanism;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.nucleon.ml2.Ml2Fixture.body;
import static org.nucleon.ml2.Ml2Fixture.expect;

import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;
import org.nucleon.ml2.Ml2Fixture;
import org.nucleon.ml2.TestJpa;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.PortBinding;
import org.osgi.framework.Constants;

/** The mechanism drivers as the handlers call them, through the real callback registry. */
public class MechanismManagerTest {
    private final Ml2Fixture f = new Ml2Fixture();

    @After
    public void tearDown() {
        f.close();
    }

    private RecordingDriver load(String name, int ranking) {
        RecordingDriver d = new RecordingDriver(name);
        f.mechanisms.bindDriver(d, Map.of(Constants.SERVICE_RANKING, ranking));
        return d;
    }

    @Test
    public void everyPrecommitAndPostcommitCallComesFromTheHandlersInNeutronsOrder() {
        RecordingDriver d = load("recorder", 0);
        String net = f.network("n1");
        f.networks.update(TestJpa.ADMIN, net, body("name", "n2"));
        String subnet = (String) f.subnet(net, 4, "cidr", "10.0.0.0/24").get("id");
        f.subnets.update(TestJpa.ADMIN, subnet, body("name", "s2"));
        String port = (String) f.port(net).get("id");
        f.ports.update(TestJpa.ADMIN, port, body("name", "p2"));
        f.ports.delete(TestJpa.ADMIN, port);
        f.subnets.delete(TestJpa.ADMIN, subnet);
        f.networks.delete(TestJpa.ADMIN, net);
        assertEquals(List.of(
                "create_network_precommit " + net, "create_network_postcommit " + net,
                "update_network_precommit " + net, "update_network_postcommit " + net,
                "create_subnet_precommit " + subnet, "create_subnet_postcommit " + subnet,
                "update_subnet_precommit " + subnet, "update_subnet_postcommit " + subnet,
                "create_port_precommit " + port, "create_port_postcommit " + port,
                "update_port_precommit " + port, "update_port_postcommit " + port,
                "delete_port_precommit " + port, "delete_port_postcommit " + port,
                "delete_subnet_precommit " + subnet, "delete_subnet_postcommit " + subnet,
                "delete_network_precommit " + net, "delete_network_postcommit " + net), d.lines());
        RecordingDriver.Call update = d.calls().get(2);
        assertEquals("n1", update.context().original().get("name"));
        assertEquals("n2", update.context().current().get("name"));
    }

    @Test
    public void networkAndPortCallsCarryTheSegmentsAndThePortItsHost() {
        RecordingDriver d = load("recorder", 0);
        String net = (String) f.networks.create(TestJpa.ADMIN, body("name", "v", "tenant_id", "p1",
                "admin_state_up", true, "provider:network_type", "vlan", "provider:physical_network", "physnet1",
                "provider:segmentation_id", 101)).get("id");
        f.subnet(net, 4, "cidr", "10.1.0.0/24");
        String port = (String) f.port(net, "binding:host_id", "compute-1").get("id");
        f.ports.update(TestJpa.ADMIN, port, body("binding:host_id", "compute-2"));
        for (RecordingDriver.Call c : d.calls()) {
            if (c.method().contains("network") || c.method().contains("port")) {
                assertEquals(c.method(), 1, c.context().segments().size());
                Map<String, Object> segment = c.context().segments().get(0);
                assertEquals("vlan", segment.get("network_type"));
                assertEquals("physnet1", segment.get("physical_network"));
                assertEquals(101L, segment.get("segmentation_id"));
                assertTrue(segment.get("id") instanceof String);
            } else {
                assertEquals(c.method(), List.of(), c.context().segments());
            }
            if (!c.method().contains("port")) {
                assertNull(c.method(), c.context().host());
            }
        }
        List<String> hosts = d.calls().stream().filter(c -> c.method().endsWith("_port_precommit")
                || c.method().endsWith("_port_postcommit")).map(c -> c.method() + " " + c.context().host()).toList();
        assertEquals(List.of("create_port_precommit compute-1", "create_port_postcommit compute-1",
                "update_port_precommit compute-2", "update_port_postcommit compute-2"), hosts);
        String unbound = (String) f.port(net).get("id");
        assertNull(d.calls().stream().filter(c -> unbound.equals(c.id())).findFirst().orElseThrow().context().host());
    }

    @Test
    public void driversRunByRankingAPrecommitVetoesAndPostcommitFailuresAreOnlyLogged() {
        RecordingDriver low = load("low", 1).veto("create_network_precommit").veto("update_network_postcommit");
        RecordingDriver high = load("high", 10);
        assertEquals(List.of("high", "low"), f.mechanisms.driverNames());
        expect("Vetoed", () -> f.network("vetoed"));
        assertEquals(List.of("create_network_precommit"), high.calls().stream().map(RecordingDriver.Call::method)
                .toList());
        assertEquals(1, low.calls().size());
        assertTrue("nothing stayed", f.networks.list(TestJpa.ADMIN, org.nucleon.api.query.ListQuery.all()).isEmpty());
        f.mechanisms.unbindDriver(low);
        String net = f.network("n");
        f.mechanisms.bindDriver(low, Map.of(Constants.SERVICE_RANKING, 1));
        high.clear();
        assertEquals("n2", f.networks.update(TestJpa.ADMIN, net, body("name", "n2")).get("name"));
        assertEquals(List.of("update_network_precommit " + net, "update_network_postcommit " + net), high.lines());
    }

    @Test
    public void theFirstDriverThatBindsWinsAndUnloadedDriversAreNotAsked() {
        RecordingDriver passes = load("passes", 5);
        RecordingDriver binds = load("binds", 0).binds(new PortBinding("other", Map.of("k", "v"), "seg"));
        MechanismContext port = new MechanismContext(null, Map.of("id", "p1"), null, List.of(), "host-1");
        assertEquals("other", f.mechanisms.bindPort(port).vifType());
        assertEquals(List.of("bind_port p1"), passes.lines());
        assertEquals(List.of("bind_port p1"), binds.lines());
        f.mechanisms.unbindDriver(binds);
        assertNull(f.mechanisms.bindPort(port));
    }
}
