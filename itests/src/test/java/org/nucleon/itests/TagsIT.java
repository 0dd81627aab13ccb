package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * standard-attr-tag and changed_since in the real distribution: the tags routes on networks,
 * ports and security groups, tags on port create, the four tag filters with paging, changed_since,
 * and the routes leaving with the extensions bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TagsIT extends NucleonKarafTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    private static Map<?, ?> member(Http.Answer a, String name) {
        return (Map<?, ?>) a.map().get(name);
    }

    private String network(Http api, String name) throws Exception {
        Http.Answer a = api.post("/v2.0/networks", "{\"network\": {\"name\": \"" + name + "\"}}");
        assertEquals(a.text(), 201, a.status());
        return (String) member(a, "network").get("id");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    public void tagRoutesOnANetwork() throws Exception {
        Http api = api();
        String id = network(api, unique("tagged"));
        String tags = "/v2.0/networks/" + id + "/tags";
        long revision = ((Number) member(api.get("/v2.0/networks/" + id), "network").get("revision_number"))
                .longValue();
        assertEquals(201, api.put(tags + "/foo", null).status());
        assertEquals(204, api.get(tags + "/foo").status());
        Http.Answer missing = api.get(tags + "/nope");
        assertEquals(404, missing.status());
        assertEquals("TagNotFound", missing.errorType());
        Http.Answer replaced = api.put(tags, "{\"tags\": [\"foo\", \"bar\", \"baz\"]}");
        assertEquals(200, replaced.status());
        assertEquals(List.of("foo", "bar", "baz"), replaced.map().get("tags"));
        assertEquals(List.of("bar", "baz", "foo"), api.get(tags).map().get("tags"));
        Map<?, ?> net = member(api.get("/v2.0/networks/" + id), "network");
        assertEquals(List.of("bar", "baz", "foo"), net.get("tags"));
        assertTrue("a change of tags bumps the revision", ((Number) net.get("revision_number")).longValue()
                > revision);
        assertEquals(204, api.delete(tags + "/bar").status());
        Http.Answer created = api.post(tags, "{\"tags\": [\"qux\", \"foo\"]}");
        assertEquals(200, created.status());
        assertEquals(List.of("baz", "foo", "qux"), api.get(tags).map().get("tags"));
        assertEquals(204, api.delete(tags).status());
        assertEquals(List.of(), api.get(tags).map().get("tags"));
        assertEquals(405, api.send("PATCH", tags, null, Map.of()).status());
    }

    @Test
    public void badTagsAre400AndChangeNothing() throws Exception {
        Http api = api();
        String tags = "/v2.0/networks/" + network(api, unique("bad-tags")) + "/tags";
        api.put(tags + "/keep", null);
        List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> "\"t" + i + "\"").toList();
        for (String body : List.of("{\"tags\": [\"" + "x".repeat(256) + "\"]}", "{\"tags\": [" + String.join(",",
                fiftyOne) + "]}", "{\"tags\": \"x\"}", "{\"tags\": [1]}", "{\"tag\": []}", "[]",
                "{\"tags\": [\"a\", \"a\"]}")) {
            Http.Answer a = api.put(tags, body);
            assertEquals(body + ": " + a.text(), 400, a.status());
            assertEquals(body, "InvalidInput", a.errorType());
        }
        assertEquals(400, api.put(tags + "/" + "y".repeat(256), null).status());
        assertEquals(List.of("keep"), api.get(tags).map().get("tags"));
    }

    @Test
    public void unknownParentIsItsOwn404() throws Exception {
        Http api = api();
        Http.Answer a = api.get("/v2.0/networks/" + UUID.randomUUID() + "/tags");
        assertEquals(404, a.status());
        assertEquals("NetworkNotFound", a.errorType());
        Http.Answer p = api.put("/v2.0/ports/" + UUID.randomUUID() + "/tags/x", null);
        assertEquals(404, p.status());
        assertEquals("PortNotFound", p.errorType());
    }

    @Test
    public void portsTakeTagsOnCreateAndBulkCreate() throws Exception {
        Http api = api();
        String net = network(api, unique("ports-net"));
        // ports with security groups need an address
        assertEquals(201, api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"10.77.0.0/24\"}}").status());
        Http.Answer one = api.post("/v2.0/ports", "{\"port\": {\"network_id\": \"" + net
                + "\", \"tags\": [\"web\", \"db\"]}}");
        assertEquals(one.text(), 201, one.status());
        String portId = (String) member(one, "port").get("id");
        assertEquals(List.of("db", "web"), member(one, "port").get("tags"));
        assertEquals(201, api.put("/v2.0/ports/" + portId + "/tags/edge", null).status());
        assertEquals(List.of("db", "edge", "web"), member(api.get("/v2.0/ports/" + portId), "port").get("tags"));
        Http.Answer bulk = api.post("/v2.0/ports", "{\"ports\": [{\"network_id\": \"" + net
                + "\", \"tags\": [\"b1\"]}, {\"network_id\": \"" + net + "\"}]}");
        assertEquals(bulk.text(), 201, bulk.status());
        List<?> ports = (List<?>) bulk.map().get("ports");
        assertEquals(List.of("b1"), ((Map<?, ?>) ports.get(0)).get("tags"));
        assertEquals(List.of(), ((Map<?, ?>) ports.get(1)).get("tags"));
        // only ports take tags on create
        assertEquals(400, api.post("/v2.0/networks", "{\"network\": {\"tags\": [\"x\"]}}").status());
        // a deleted port's tags go with it
        assertEquals(204, api.delete("/v2.0/ports/" + portId).status());
        assertEquals(404, api.get("/v2.0/ports/" + portId + "/tags").status());
    }

    @Test
    public void securityGroupsAreTaggedUnderTheirDashedPath() throws Exception {
        Http api = api();
        Http.Answer sg = api.post("/v2.0/security-groups", "{\"security_group\": {\"name\": \"" + unique("sg")
                + "\"}}");
        String id = (String) member(sg, "security_group").get("id");
        assertEquals(201, api.put("/v2.0/security-groups/" + id + "/tags/red", null).status());
        assertEquals(List.of("red"), member(api.get("/v2.0/security-groups/" + id), "security_group").get("tags"));
    }

    /** Ids of every page of a list, following the next links. */
    private static List<String> allPages(Http api, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        String path = "/v2.0/networks?" + query;
        for (int pages = 0; path != null; pages++) {
            assertTrue("too many pages", pages < 20);
            Http.Answer a = api.get(path);
            assertEquals(a.text(), 200, a.status());
            ((List<?>) a.map().get("networks")).forEach(n -> ids.add((String) ((Map<?, ?>) n).get("id")));
            path = null;
            for (Object l : (List<?>) a.map().getOrDefault("networks_links", List.of())) {
                if ("next".equals(((Map<?, ?>) l).get("rel"))) {
                    String href = (String) ((Map<?, ?>) l).get("href");
                    path = href.substring(href.indexOf("/v2.0/"));
                }
            }
        }
        return ids;
    }

    @Test
    public void theFourFiltersPageAndSort() throws Exception {
        Http api = api();
        String a = unique("a");
        String b = unique("b");
        List<String> ids = new ArrayList<>();
        // n0..n5: even ones tagged a, those divisible by 3 tagged b
        for (int i = 0; i < 6; i++) {
            String id = network(api, "filter-" + i);
            List<String> tags = new ArrayList<>();
            if (i % 2 == 0) {
                tags.add("\"" + a + "\"");
            }
            if (i % 3 == 0) {
                tags.add("\"" + b + "\"");
            }
            api.put("/v2.0/networks/" + id + "/tags", "{\"tags\": [" + String.join(",", tags) + "]}");
            ids.add(id);
        }
        String page = "&limit=1&sort_key=name&sort_dir=asc";
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(4)), allPages(api, "tags=" + a + page));
        assertEquals(List.of(ids.get(0)), allPages(api, "tags=" + a + "," + b + page));
        assertEquals(List.of(ids.get(0)), allPages(api, "tags=" + a + "&tags=" + b + page));
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(3), ids.get(4)), allPages(api, "tags-any=" + a + ","
                + b + page));
        List<String> names = List.of("filter-0", "filter-1", "filter-2", "filter-3", "filter-4", "filter-5");
        String mine = names.stream().map(n -> "name=" + n).reduce((x, y) -> x + "&" + y).orElseThrow();
        assertEquals(List.of(ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5)), allPages(api,
                mine + "&not-tags=" + a + "," + b + page));
        assertEquals(List.of(ids.get(1), ids.get(5)), allPages(api, mine + "&not-tags-any=" + a + "," + b + page));
        // descending, and the tags shown with fields
        Http.Answer desc = api.get("/v2.0/networks?tags=" + a + "&sort_key=name&sort_dir=desc&fields=id&fields=tags");
        List<?> items = (List<?>) desc.map().get("networks");
        assertEquals(ids.get(4), ((Map<?, ?>) items.get(0)).get("id"));
        assertEquals(List.of(a), ((Map<?, ?>) items.get(0)).get("tags"));
        assertEquals(2, ((Map<?, ?>) items.get(0)).size());
    }

    @Test
    public void changedSinceKeepsWhatChangedAtOrAfterIt() throws Exception {
        Http api = api();
        String name = unique("since");
        String id = network(api, name);
        String updatedAt = (String) member(api.get("/v2.0/networks/" + id), "network").get("updated_at");
        assertNotNull(updatedAt);
        String at = URLEncoder.encode(updatedAt, StandardCharsets.UTF_8);
        assertEquals(List.of(id), allPages(api, "name=" + name + "&changed_since=" + at));
        assertEquals(List.of(), allPages(api, "name=" + name + "&changed_since=2999-01-01T00:00:00Z"));
        assertEquals(List.of(id), allPages(api, "name=" + name + "&changed_since=2000-01-01T00:00:00%2B01:00"));
        // every standard-attr collection has it
        assertEquals(200, api.get("/v2.0/ports?changed_since=2000-01-01T00:00:00Z").status());
        assertEquals(200, api.get("/v2.0/routers?changed_since=2000-01-01T00:00:00Z").status());
        Http.Answer bad = api.get("/v2.0/networks?changed_since=yesterday");
        assertEquals(400, bad.status());
        assertEquals("InvalidInput", bad.errorType());
        assertEquals("Invalid input for operation: The input changed_since must be in the following format: "
                + "YYYY-MM-DDTHH:MM:SSZ.", ((Map<?, ?>) bad.map().get("NeutronError")).get("message"));
    }

    /** Named to run last (the class runs in name order): while the bundle restarts, Pax Exam's injection waits. */
    @Test
    public void withoutTheExtensionsBundleTheRoutesLeaveAndTagsComeBack() throws Exception {
        Http api = api();
        String id = network(api, unique("hotplug"));
        String tags = "/v2.0/networks/" + id + "/tags";
        assertEquals(201, api.put(tags + "/kept", null).status());
        Bundle extensions = bundle("nucleon-extensions");
        extensions.stop();
        try {
            assertTrue("tags leave with their extension", Http.await(10_000, () -> {
                Http.Answer a = api.get(tags);
                Http.Answer net = api.get("/v2.0/networks/" + id);
                return a.status() == 404 && "HTTPNotFound".equals(a.errorType()) && net.status() == 200
                        && !member(net, "network").containsKey("tags")
                        && api.get("/v2.0/networks?tags=kept").status() == 400
                        && api.get("/v2.0/extensions/standard-attr-tag").status() == 404;
            }));
            assertEquals(201, api.post("/v2.0/networks", "{\"network\": {\"name\": \"untagged\"}}").status());
        } finally {
            extensions.start();
        }
        assertTrue("tags come back with their data", Http.await(30_000, () -> {
            Http.Answer a = api.get(tags);
            return a.status() == 200 && List.of("kept").equals(a.map().get("tags"));
        }));
        assertFalse(((List<?>) api.get("/v2.0/networks?tags=kept").map().get("networks")).isEmpty());
    }
}
