package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The distribution as an operator runs it: the listen address comes from NUCLEON_BIND_HOST /
 * NUCLEON_BIND_PORT, and networks created before a restart are there after it (embedded Derby
 * under data/), also when it is run in the background by bin/start and ended by bin/stop; while it
 * restarts the API answers 503 until it is whole, never 404. A changed ML2 configuration applies live
 * without the networks leaving the API.
 */
public class DistributionRestartIT {
    /** Another loopback address (all of 127/8 is the loopback on Linux), so that the default 127.0.0.1 is wrong. */
    private static final String BIND_HOST = "127.0.0.2";
    private static final String TABLES_MADE = "creating or extending the tables of";

    @Test
    public void dataSurvivesARestartAndTheBindAddressComesFromTheEnvironment() throws Exception {
        try (KarafProcess karaf = new KarafProcess("dist-restart", BIND_HOST)) {
            karaf.start();
            // once Jetty listens it keeps listening: pax-web restarted it for the API's Handler service,
            // which left a first boot's requests of that moment unanswered
            assertTrue("answers while starting: " + karaf.startingAnswers(), karaf.startingAnswers().stream()
                    .noneMatch(answer -> answer.startsWith("unanswered")));
            Http api = karaf.api();
            assertListensOnlyOnTheBindHost(karaf);
            // e.g. a DS service cycle (the router's flavor veto and the flavors plugin) logged two in some boots
            assertEquals("errors logged at boot", List.of(), karaf.errorsLogged());
            // PersistenceUnitCustomizer logs each unit whose tables it creates or extends
            List<String> tablesMade = karaf.linesLogged(TABLES_MADE);
            assertFalse("a first boot made no tables", tablesMade.isEmpty());
            String id = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"survivor\"}}")
                    .map().get("network")).get("id");
            karaf.stop();

            // the README's way to run it in the background, ended by bin/stop below
            karaf.startInBackground();
            // Karaf finishes its boot at once on a restart; the API must not say that networks are absent
            // meanwhile (Jetty's own page, no NeutronError, may come for a moment before the API's bundle)
            assertTrue("answers while restarting: " + karaf.startingAnswers(), karaf.startingAnswers().stream()
                    .allMatch(answer -> answer.equals("503 ServiceUnavailable") || answer.endsWith(" null")));
            assertListensOnlyOnTheBindHost(karaf);
            Http.Answer shown = api.get("/v2.0/networks/" + id);
            assertEquals(shown.text(), 200, shown.status());
            // else some unit's table definitions differ from start to start (e.g. a column mapped twice,
            // described differently in each mapping: JpaFixture.columnsMappedTwiceThatDisagree), and every
            // start checks its tables again
            assertEquals("tables made or extended again by a restart", tablesMade, karaf.linesLogged(TABLES_MADE));
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

            // bin/stop returns 0, the JVM ends and the port closes (or stop() fails)
            karaf.stop();
        }
    }

    /** It answered on BIND_HOST (start() waited for that); the same port on 127.0.0.1 refuses. */
    private static void assertListensOnlyOnTheBindHost(KarafProcess karaf) throws Exception {
        assertEquals("http://" + BIND_HOST + ":" + karaf.port(), karaf.baseUrl());
        assertEquals(200, karaf.api().get("/v2.0/networks").status());
        try (Socket s = new Socket("127.0.0.1", karaf.port())) {
            fail("127.0.0.1:" + karaf.port() + " accepted a connection; only " + BIND_HOST + " should listen");
        } catch (ConnectException refused) {
            // as it should
        }
    }
}
