package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * The same build on PostgreSQL: one Config Admin file points the neutron datasource at the
 * machine's PostgreSQL, the driver feature is installed live, and networks are then served
 * from, and stored in, PostgreSQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresIT extends NucleonKarafTestSupport {
    @Configuration
    public Option[] config() {
        List<Option> o = baseOptions();
        o.add(replaceConfigurationFile("etc/org.ops4j.datasource-neutron.cfg",
                new File("src/test/resources/postgresql/org.ops4j.datasource-neutron.cfg")));
        return o.toArray(Option[]::new);
    }

    @Test
    public void networksPersistInPostgresql() throws Exception {
        installFeature("nucleon-postgresql");
        Http api = api();
        String name = "pg-" + UUID.randomUUID();
        Http.Answer created = api.post("/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}");
        assertEquals(created.text(), 201, created.status());
        String id = (String) ((Map<?, ?>) created.map().get("network")).get("id");
        try {
            assertEquals(name, storedName(id));
            Http.Answer renamed = api.put("/v2.0/networks/" + id, "{\"network\": {\"name\": \"" + name + "-2\"}}");
            assertEquals(200, renamed.status());
            assertEquals(name + "-2", storedName(id));
            List<?> found = (List<?>) api.get("/v2.0/networks?name=" + name + "-2").map().get("networks");
            assertEquals(1, found.size());
            // every plugin's unit made its tables on PostgreSQL: a subnet, a port, a QoS policy, a router
            Http.Answer subnet = api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + id
                    + "\", \"ip_version\": 4, \"cidr\": \"10.123.0.0/24\"}}");
            assertEquals(subnet.text(), 201, subnet.status());
            Http.Answer port = api.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + id + "\"}}");
            assertEquals(port.text(), 201, port.status());
            assertEquals(201, api.post("/v2.0/qos/policies", "{\"policy\": {\"name\": \"" + name + "\"}}").status());
            assertEquals(201, api.post("/v2.0/routers", "{\"router\": {\"name\": \"" + name + "\"}}").status());
            assertEquals(204, api.delete("/v2.0/ports/" + ((Map<?, ?>) port.map().get("port")).get("id")).status());
        } finally {
            assertEquals(204, api.delete("/v2.0/networks/" + id).status());
        }
        assertEquals(null, storedName(id));
    }

    /** The name column of the row, read straight from the datasource, after checking it is PostgreSQL. */
    private String storedName(String id) throws Exception {
        ServiceReference<DataSource> ref = bundleContext
                .getServiceReferences(DataSource.class, "(dataSourceName=neutron)").iterator().next();
        DataSource ds = bundleContext.getService(ref);
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("select name from networks where id = ?")) {
            assertTrue(c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } finally {
            bundleContext.ungetService(ref);
        }
    }
}
