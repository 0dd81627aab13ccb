package org.nucleon.itests;

import static org.junit.Assert.assertEquals;

import java.util.Map;
import org.junit.Test;

/**
 * The distribution as an operator runs it: the listen address comes from NUCLEON_BIND_HOST /
 * NUCLEON_BIND_PORT, and networks created before a restart are there after it (embedded Derby
 * under data/).
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
        }
    }
}
