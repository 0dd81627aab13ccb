package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

/**
 * The distribution as an operator runs it: the listen address comes from NUCLEON_BIND_HOST /
 * NUCLEON_BIND_PORT, and networks created before a restart are there after it (embedded Derby
 * under data/). A changed ML2 configuration applies live without the networks leaving the API.
 */
public class DistributionRestartIT {
    @Test
    public void dataSurvivesARestartAndTheBindAddressComesFromTheEnvironment() throws Exception {
        try (KarafProcess karaf = new KarafProcess("dist-restart")) {
            karaf.start();
            Http api = karaf.api();
            String id = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"survivor\"}}")
                    .map().get("network")).get("id");
            karaf.stop();

            karaf.start();
            Http.Answer shown = api.get("/v2.0/networks/" + id);
            assertEquals(shown.text(), 200, shown.status());
            assertEquals("survivor", ((Map<?, ?>) shown.map().get("network")).get("name"));

            karaf.config("org.nucleon.ml2", karaf.config("org.nucleon.ml2")
                    .replace("global_physnet_mtu = 1500", "global_physnet_mtu = 1400"));
            assertTrue("new vxlan networks never got the MTU of global_physnet_mtu = 1400",
                    Http.await(60_000, () -> {
                        Http.Answer still = api.get("/v2.0/networks/" + id);
                        assertEquals("the network left the API while the configuration changed: " + still.text(),
                                200, still.status());
                        Map<?, ?> created = (Map<?, ?>) api.post("/v2.0/networks",
                                "{\"network\": {\"name\": \"mtu-probe\"}}").map().get("network");
                        api.delete("/v2.0/networks/" + created.get("id"));
                        return ((Number) created.get("mtu")).intValue() == 1350;
                    }));
        }
    }
}
