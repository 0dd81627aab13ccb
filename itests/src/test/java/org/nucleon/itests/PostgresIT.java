package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * machine's PostgreSQL (the distribution boots the driver), and networks are then served
 * from, stored in, and sorted, paged and filtered by PostgreSQL.
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
        Http api = api();
        // the database outlives the test, and so do the QoS policy and router each run leaves
        unlimitedQuotas(api, FAKE_PROJECT);
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

    @Test
    public void listsAreSortedPagedAndFilteredByPostgresql() throws Exception {
        Http api = api();
        unlimitedQuotas(api, FAKE_PROJECT);
        // the database outlives the test and holds other runs' networks: every list names these five
        String prefix = "pgl-" + UUID.randomUUID() + "-";
        Map<String, String> ids = new LinkedHashMap<>();
        try {
            for (String letter : List.of("d", "b", "e", "a", "c")) {
                Http.Answer a = api.post("/v2.0/networks", "{\"network\": {\"name\": \"" + prefix + letter + "\"}}");
                assertEquals(a.text(), 201, a.status());
                ids.put(letter, (String) ((Map<?, ?>) a.map().get("network")).get("id"));
            }
            List<String> nameFilter = new ArrayList<>();
            for (String letter : List.of("a", "b", "c", "d", "e")) {
                nameFilter.add(prefix + letter);
            }
            String query = "name=" + String.join("&name=", nameFilter) + "&sort_key=name&sort_dir=asc&limit=2"
                    + "&fields=id&fields=name";

            Http.Answer page1 = api.get("/v2.0/networks?" + query);
            assertEquals(page1.text(), 200, page1.status());
            assertEquals(List.of(prefix + "a", prefix + "b"), names(page1));
            Map<String, Map<String, List<String>>> links = links(page1);
            assertEquals(Set.of("next", "previous"), links.keySet());
            assertEquals(List.of(ids.get("b")), links.get("next").get("marker"));
            assertEquals(null, links.get("next").get("page_reverse"));
            assertEquals(List.of(ids.get("a")), links.get("previous").get("marker"));
            assertEquals(List.of("True"), links.get("previous").get("page_reverse"));
            for (Map<String, List<String>> link : links.values()) {
                assertEquals("the links keep the OR filter", nameFilter, link.get("name"));
                assertEquals(List.of("name"), link.get("sort_key"));
                assertEquals(List.of("asc"), link.get("sort_dir"));
                assertEquals(List.of("2"), link.get("limit"));
                assertEquals(List.of("id", "name"), link.get("fields"));
            }

            Http.Answer page2 = follow(api, page1, "next");
            assertEquals(List.of(prefix + "c", prefix + "d"), names(page2));
            assertEquals(List.of(ids.get("d")), links(page2).get("next").get("marker"));
            assertEquals(List.of(ids.get("c")), links(page2).get("previous").get("marker"));

            Http.Answer page3 = follow(api, page2, "next");
            assertEquals(List.of(prefix + "e"), names(page3));
            assertEquals("a short forward page has no next", Set.of("previous"), links(page3).keySet());
            assertEquals(List.of(ids.get("e")), links(page3).get("previous").get("marker"));

            // page_reverse: the page before the marker, still in ascending order
            Http.Answer back = follow(api, page3, "previous");
            assertEquals(List.of(prefix + "c", prefix + "d"), names(back));
            Http.Answer front = follow(api, back, "previous");
            assertEquals(List.of(prefix + "a", prefix + "b"), names(front));
            assertEquals(Set.of("next", "previous"), links(front).keySet());
            Http.Answer reverseShort = api.get("/v2.0/networks?" + query + "&marker=" + ids.get("b")
                    + "&page_reverse=True");
            assertEquals(List.of(prefix + "a"), names(reverseShort));
            assertEquals("a short reverse page has no previous", Set.of("next"), links(reverseShort).keySet());
            assertEquals(List.of(ids.get("a")), links(reverseShort).get("next").get("marker"));

            // a repeated key is an OR; a name nobody has matches nothing; no limit, no links
            Http.Answer or = api.get("/v2.0/networks?name=" + prefix + "d&name=" + prefix + "a&name=" + prefix
                    + "none&sort_key=name&sort_dir=desc");
            assertEquals(or.text(), 200, or.status());
            assertEquals(List.of(prefix + "d", prefix + "a"), names(or));
            assertEquals(null, or.map().get("networks_links"));
            Http.Answer orById = api.get("/v2.0/networks?id=" + ids.get("e") + "&id=" + ids.get("b")
                    + "&sort_key=name&sort_dir=asc&limit=1");
            assertEquals(List.of(prefix + "b"), names(orById));
            assertEquals(List.of(ids.get("b")), links(orById).get("next").get("marker"));
        } finally {
            for (String id : ids.values()) {
                assertEquals(204, api.delete("/v2.0/networks/" + id).status());
            }
        }
    }

    private static List<String> names(Http.Answer page) {
        assertEquals(page.text(), 200, page.status());
        List<String> names = new ArrayList<>();
        for (Object n : (List<?>) page.map().get("networks")) {
            names.add((String) ((Map<?, ?>) n).get("name"));
        }
        return names;
    }

    /** networks_links by rel: each href's query, parameter by parameter; each href on this server's networks. */
    private static Map<String, Map<String, List<String>>> links(Http.Answer page) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (Object o : (List<?>) page.map().getOrDefault("networks_links", List.of())) {
            Map<?, ?> link = (Map<?, ?>) o;
            URI href = URI.create((String) link.get("href"));
            assertEquals(origin() + "/v2.0/networks", href.getScheme() + "://" + href.getRawAuthority()
                    + href.getRawPath());
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (String pair : href.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        k -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            assertEquals("one link per rel", null, out.put((String) link.get("rel"), query));
        }
        return out;
    }

    /** Where the test's client reaches the server, as the links must name it. */
    private static String origin() {
        return "http://127.0.0.1:" + System.getProperty("nucleon.test.http.port");
    }

    private static Http.Answer follow(Http api, Http.Answer page, String rel) throws Exception {
        for (Object o : (List<?>) page.map().get("networks_links")) {
            Map<?, ?> link = (Map<?, ?>) o;
            if (rel.equals(link.get("rel"))) {
                return api.get(((String) link.get("href")).substring(origin().length()));
            }
        }
        throw new AssertionError("no " + rel + " link in " + page.text());
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
