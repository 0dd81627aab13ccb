package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Bad input, sent to the real distribution: each request gets a 4xx NeutronError of Neutron's
 * type, and afterwards the networks are exactly as they were.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MalformedRequestsIT extends NucleonKarafTestSupport {
    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(Option[]::new);
    }

    private record Bad(String method, String path, String body, int status, String type, String message) {
    }

    @Test
    public void everyMalformedRequestIsA4xxNeutronErrorAndChangesNothing() throws Exception {
        Http api = api();
        String id = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"keep\"}}").map()
                .get("network")).get("id");
        String before = api.get("/v2.0/networks").text();
        String net = "/v2.0/networks";
        String one = net + "/" + id;
        List<Bad> bad = List.of(
                new Bad("POST", net, "{", 400, "HTTPBadRequest", "Body contains invalid data"),
                new Bad("POST", net, "[]", 400, "HTTPBadRequest", "Body contains invalid data"),
                new Bad("POST", net, "\"x\"", 400, "HTTPBadRequest", "Body contains invalid data"),
                new Bad("POST", net, "{} trailing", 400, "HTTPBadRequest", "Body contains invalid data"),
                new Bad("POST", net, "", 400, "HTTPBadRequest", "Unable to find 'network' in request body"),
                new Bad("POST", net, "{}", 400, "HTTPBadRequest", "Unable to find 'network' in request body"),
                new Bad("POST", net, "{\"network\": \"x\"}", 400, "HTTPBadRequest",
                        "Object 'network' contains invalid data"),
                new Bad("POST", net, "{\"networks\": []}", 400, "HTTPBadRequest", "Resources required"),
                new Bad("POST", net, "{\"networks\": [1]}", 400, "HTTPBadRequest", "Body contains invalid data"),
                new Bad("POST", net, "{\"network\": {\"bogus\": 1}}", 400, "HTTPBadRequest",
                        "Unrecognized attribute(s) 'bogus'"),
                new Bad("POST", net, "{\"network\": {\"id\": \"" + UNKNOWN + "\"}}", 400, "HTTPBadRequest",
                        "Attribute 'id' not allowed in POST"),
                new Bad("POST", net, "{\"network\": {\"status\": \"DOWN\"}}", 400, "HTTPBadRequest",
                        "Attribute 'status' not allowed in POST"),
                new Bad("POST", net, "{\"network\": {\"name\": 5}}", 400, "HTTPBadRequest",
                        "Invalid input for name. Reason: '5' is not a valid string."),
                new Bad("POST", net, "{\"network\": {\"name\": \"" + "x".repeat(256) + "\"}}", 400, "HTTPBadRequest",
                        null),
                new Bad("POST", net, "{\"network\": {\"admin_state_up\": \"maybe\"}}", 400, "InvalidInput",
                        "Invalid input for operation: 'maybe' cannot be converted to boolean."),
                new Bad("POST", net, "{\"network\": {\"tenant_id\": \"a\", \"project_id\": \"b\"}}", 400,
                        "HTTPBadRequest", "'project_id' and 'tenant_id' do not match"),
                new Bad("POST", net, "{\"networks\": [{\"name\": \"ok\"}, {\"shared\": \"yes-no\"}]}", 400,
                        "InvalidInput", null),
                new Bad("PUT", one, "{\"network\": {\"id\": \"x\"}}", 400, "HTTPBadRequest",
                        "Cannot update read-only attribute id"),
                new Bad("PUT", one, "{\"network\": {\"tenant_id\": \"x\"}}", 400, "HTTPBadRequest",
                        "Cannot update read-only attribute tenant_id"),
                new Bad("PUT", one, "{\"networks\": [{}]}", 400, "HTTPBadRequest", "Bulk operation not supported"),
                new Bad("PUT", net + "/" + UNKNOWN, "{\"network\": {\"name\": \"x\"}}", 404, "NetworkNotFound",
                        "Network " + UNKNOWN + " could not be found."),
                new Bad("DELETE", net + "/not-a-uuid", null, 404, "NetworkNotFound",
                        "Network not-a-uuid could not be found."),
                new Bad("GET", net + "?limit=-1", null, 400, "BadRequest",
                        "Bad limit request: Limit must be an integer 0 or greater and not '-1'."),
                new Bad("GET", net + "?limit=99999999999999999999", null, 400, "BadRequest", null),
                new Bad("GET", net + "?limit=1&marker=" + UNKNOWN, null, 404, "NetworkNotFound", null),
                new Bad("GET", net + "?sort_key=bogus&sort_dir=asc", null, 400, "HTTPBadRequest",
                        "['bogus'] is invalid attribute for sort_keys"),
                new Bad("GET", net + "?sort_key=name", null, 400, "HTTPBadRequest",
                        "The number of sort_keys and sort_dirs must be same"),
                new Bad("GET", net + "?sort_key=name&sort_dir=sideways", null, 400, "HTTPBadRequest",
                        "['sideways'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'"),
                new Bad("GET", net + "?bogus=1", null, 400, "HTTPBadRequest",
                        "['bogus'] is invalid attribute for filtering"),
                new Bad("GET", net + "?admin_state_up=maybe", null, 400, "InvalidInput", null),
                new Bad("POST", net, "{\"network\": {\"description\": \"" + "y".repeat(1_100_000) + "\"}}", 413,
                        "HTTPRequestEntityTooLarge", "Request is too large."),
                new Bad("PATCH", one, "{}", 405, "HTTPMethodNotAllowed", null),
                new Bad("POST", one, "{}", 405, "HTTPMethodNotAllowed", null),
                new Bad("HEAD", net, null, 405, null, null),
                new Bad("GET", "/v2.0/nonexistent", null, 404, "HTTPNotFound", "The resource could not be found."),
                new Bad("GET", one + "/nonexistent", null, 404, "HTTPNotFound", null),
                new Bad("GET", "/v3/", null, 404, "HTTPNotFound", null),
                new Bad("GET", "/v2.0/extensions/nonexistent", null, 404, "HTTPNotFound", null));
        List<String> failures = new ArrayList<>();
        for (Bad b : bad) {
            Http.Answer a = api.send(b.method(), b.path(), b.body(), Map.of());
            String what = b.method() + " " + b.path().substring(0, Math.min(b.path().length(), 80)) + " -> "
                    + a.status() + " " + a.text().substring(0, Math.min(a.text().length(), 200));
            if (a.status() != b.status()) {
                failures.add("status " + what);
                continue;
            }
            if (!b.method().equals("HEAD")) {
                Map<?, ?> err = (Map<?, ?>) a.map().get("NeutronError");
                if (err == null || !err.keySet().equals(java.util.Set.of("type", "message", "detail"))) {
                    failures.add("not a NeutronError: " + what);
                } else if (b.type() != null && !b.type().equals(err.get("type"))
                        || b.message() != null && !b.message().equals(err.get("message"))) {
                    failures.add("type/message " + what);
                }
            }
            assertNotNull("request id on " + what, a.header("X-Openstack-Request-Id"));
        }
        assertTrue(String.join("\n", failures), failures.isEmpty());
        assertTrue("at least 20 distinct malformed requests", bad.size() >= 20);
        assertEquals("bad input changed nothing", before, api.get("/v2.0/networks").text());
    }
}
