package org.nucleon.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Two servers on one PostgreSQL database, as operators run several behind a load balancer: what
 * one server writes, the other serves at once, also for rows it had already read.
 */
public class SharedDatabaseIT {
    /** PostgresIT's datasource: the machine's PostgreSQL, database test. */
    private static final Path DATASOURCE = Paths.get("src/test/resources/postgresql/org.ops4j.datasource-neutron.cfg");

    private static KarafProcess first;
    private static KarafProcess second;
    private static Http a;
    private static Http b;

    @BeforeClass
    public static void startBoth() throws Exception {
        first = new KarafProcess("dist-shared-a");
        second = new KarafProcess("dist-shared-b");
        String datasource = Files.readString(DATASOURCE);
        first.config("org.ops4j.datasource-neutron", datasource);
        second.config("org.ops4j.datasource-neutron", datasource);
        // one after the other: the first makes the tables the second then finds
        first.startInBackground();
        second.startInBackground();
        a = first.api();
        b = second.api();
        NucleonKarafTestSupport.unlimitedQuotas(a, NucleonKarafTestSupport.FAKE_PROJECT);
    }

    @AfterClass
    public static void stopBoth() throws Exception {
        try {
            if (first != null) {
                first.stop();
            }
        } finally {
            if (second != null) {
                second.stop();
            }
        }
    }

    @Test
    public void aNetworkRenamedOnOneServerIsRenamedOnTheOther() throws Exception {
        String name = "shared-" + UUID.randomUUID();
        String id = id(a.post("/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}"), "network");
        try {
            assertEquals(name, field(b.get("/v2.0/networks/" + id), "network", "name"));
            assertEquals(200, a.put("/v2.0/networks/" + id, "{\"network\": {\"name\": \"" + name + "-2\"}}").status());
            assertEquals(name + "-2", field(b.get("/v2.0/networks/" + id), "network", "name"));
            List<?> listed = (List<?>) b.get("/v2.0/networks?id=" + id).map().get("networks");
            assertEquals(name + "-2", ((Map<?, ?>) listed.get(0)).get("name"));
            // an update on the second server answers with the first one's name, and keeps it
            Http.Answer described = b.put("/v2.0/networks/" + id, "{\"network\": {\"description\": \"d\"}}");
            assertEquals(name + "-2", field(described, "network", "name"));
            assertEquals(name + "-2", field(a.get("/v2.0/networks/" + id), "network", "name"));
        } finally {
            assertEquals(204, a.delete("/v2.0/networks/" + id).status());
        }
        assertEquals(404, b.get("/v2.0/networks/" + id).status());
    }

    @Test
    public void portsAndSecurityGroupRulesChangedOnOneServerAreServedSoByTheOther() throws Exception {
        String net = id(a.post("/v2.0/networks", "{\"network\": {\"name\": \"shared-ports\"}}"), "network");
        String group = id(a.post("/v2.0/security-groups", "{\"security_group\": {\"name\": \"shared-sg\"}}"),
                "security_group");
        try {
            // a port in the default security group needs an address
            id(a.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net
                    + "\", \"ip_version\": 4, \"cidr\": \"10.77.0.0/24\"}}"), "subnet");
            String port = id(a.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\", \"name\": \"p1\"}}"),
                    "port");
            assertEquals("p1", field(b.get("/v2.0/ports/" + port), "port", "name"));
            assertEquals(200, a.put("/v2.0/ports/" + port, "{\"port\": {\"name\": \"p2\"}}").status());
            assertEquals("p2", field(b.get("/v2.0/ports/" + port), "port", "name"));

            int rules = ((List<?>) field(b.get("/v2.0/security-groups/" + group), "security_group",
                    "security_group_rules")).size();
            Http.Answer rule = a.post("/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\": \""
                    + group + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 22,"
                    + " \"port_range_max\": 22, \"ethertype\": \"IPv4\"}}");
            assertEquals(rule.text(), 201, rule.status());
            assertEquals(rules + 1, ((List<?>) field(b.get("/v2.0/security-groups/" + group), "security_group",
                    "security_group_rules")).size());

            assertEquals(204, a.delete("/v2.0/ports/" + port).status());
            assertEquals(404, b.get("/v2.0/ports/" + port).status());
        } finally {
            a.delete("/v2.0/security-groups/" + group);
            a.delete("/v2.0/networks/" + net);
        }
    }

    @Test
    public void routersAndQosPoliciesRenamedOnOneServerAreRenamedOnTheOther() throws Exception {
        String router = id(a.post("/v2.0/routers", "{\"router\": {\"name\": \"r1\"}}"), "router");
        String policy = id(a.post("/v2.0/qos/policies", "{\"policy\": {\"name\": \"q1\"}}"), "policy");
        try {
            assertEquals("r1", field(b.get("/v2.0/routers/" + router), "router", "name"));
            assertEquals("q1", field(b.get("/v2.0/qos/policies/" + policy), "policy", "name"));
            assertEquals(200, a.put("/v2.0/routers/" + router, "{\"router\": {\"name\": \"r2\"}}").status());
            assertEquals(200, a.put("/v2.0/qos/policies/" + policy, "{\"policy\": {\"name\": \"q2\"}}").status());
            assertEquals("r2", field(b.get("/v2.0/routers/" + router), "router", "name"));
            assertEquals("q2", field(b.get("/v2.0/qos/policies/" + policy), "policy", "name"));
        } finally {
            assertEquals(204, a.delete("/v2.0/routers/" + router).status());
            assertEquals(204, a.delete("/v2.0/qos/policies/" + policy).status());
        }
    }

    private static String id(Http.Answer created, String member) {
        assertEquals(created.text(), 201, created.status());
        return (String) ((Map<?, ?>) created.map().get(member)).get("id");
    }

    private static Object field(Http.Answer shown, String member, String attribute) {
        assertEquals(shown.text(), 200, shown.status());
        return ((Map<?, ?>) shown.map().get(member)).get(attribute);
    }
}
