package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
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

    /** Sends each bad request; returns what did not come back as expected. */
    private static List<String> check(Http api, List<Bad> bad) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Bad b : bad) {
            Http.Answer a = api.send(b.method(), b.path(), b.body(), Map.of());
            String what = b.method() + " " + b.path().substring(0, Math.min(b.path().length(), 80)) + " "
                    + (b.body() == null ? "" : b.body().substring(0, Math.min(b.body().length(), 120))) + " -> "
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
            if (a.header("X-Openstack-Request-Id") == null) {
                failures.add("no request id: " + what);
            }
        }
        return failures;
    }

    @Test
    public void badSubnetsPortsAndSecurityGroupsAre4xxAndChangeNothing() throws Exception {
        Http api = api();
        String net = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"bad-input\"}}")
                .map().get("network")).get("id");
        String subnet = (String) ((Map<?, ?>) api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net
                + "\", \"ip_version\": 4, \"cidr\": \"10.90.0.0/24\"}}").map().get("subnet")).get("id");
        String other = (String) ((Map<?, ?>) api.post("/v2.0/networks", "{\"network\": {\"name\": \"other\"}}")
                .map().get("network")).get("id");
        String otherSubnet = (String) ((Map<?, ?>) api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \""
                + other + "\", \"ip_version\": 4, \"cidr\": \"10.91.0.0/24\"}}").map().get("subnet")).get("id");
        String sg = (String) ((Map<?, ?>) api.post("/v2.0/security-groups", "{\"security_group\": {\"name\": \"bad\"}}")
                .map().get("security_group")).get("id");
        List<String> collections = List.of("/v2.0/networks", "/v2.0/subnets", "/v2.0/ports", "/v2.0/security-groups",
                "/v2.0/security-group-rules", "/v2.0/subnetpools");
        List<String> before = new ArrayList<>();
        for (String c : collections) {
            before.add(api.get(c).text());
        }
        String subnets = "/v2.0/subnets";
        String ports = "/v2.0/ports";
        String rules = "/v2.0/security-group-rules";
        String s = "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, ";
        String p = "{\"port\": {\"network_id\": \"" + net + "\", ";
        String r = "{\"security_group_rule\": {\"security_group_id\": \"" + sg + "\", \"direction\": \"ingress\", ";
        List<Bad> bad = List.of(
                new Bad("POST", subnets, s + "\"cidr\": \"10.0.300.0/24\"}}", 400, "InvalidInput",
                        "Invalid input for operation: 10.0.300.0/24 is not in a CIDR format."),
                new Bad("POST", subnets, s + "\"cidr\": \"fd00::/64\"}}", 400, null, null),
                new Bad("POST", subnets, s + "\"cidr\": \"10.90.0.0/25\"}}", 400, null, null),
                new Bad("POST", subnets, s + "\"cidr\": \"10.92.0.0/24\", \"allocation_pools\": [{\"start\": "
                        + "\"10.93.0.5\", \"end\": \"10.93.0.9\"}]}}", 400, null, null),
                new Bad("POST", subnets, s + "\"cidr\": \"10.92.0.0/24\", \"allocation_pools\": [{\"start\": "
                        + "\"10.92.0.5\", \"end\": \"10.92.0.9\"}, {\"start\": \"10.92.0.8\", \"end\": "
                        + "\"10.92.0.20\"}]}}", 409, "OverlappingAllocationPools", null),
                new Bad("POST", subnets, s + "\"cidr\": \"10.92.0.0/24\", \"gateway_ip\": \"10.92.0.5\", "
                        + "\"allocation_pools\": [{\"start\": \"10.92.0.2\", \"end\": \"10.92.0.9\"}]}}", 409,
                        null, null),
                new Bad("POST", subnets, s + "\"cidr\": \"10.92.0.0/24\", \"ip_version\": 5}}", 400, null, null),
                new Bad("POST", subnets, "{\"subnet\": {\"network_id\": \"00000000-0000-0000-0000-000000000000\", "
                        + "\"ip_version\": 4, \"cidr\": \"10.94.0.0/24\"}}", 404, "NetworkNotFound", null),
                new Bad("POST", subnets, s + "\"cidr\": \"10.92.0.0/24\", \"dns_nameservers\": [\"1.2.3\"]}}", 400,
                        null, null),
                new Bad("POST", ports, p + "\"mac_address\": \"not-a-mac\"}}", 400, null, null),
                new Bad("POST", ports, p + "\"fixed_ips\": [{\"ip_address\": \"10.91.0.5\"}]}}", 400, null, null),
                new Bad("POST", ports, p + "\"fixed_ips\": [{\"subnet_id\": \"" + otherSubnet + "\"}]}}", 400,
                        null, null),
                new Bad("POST", ports, p + "\"fixed_ips\": [{\"ip_address\": \"10.90.0.300\"}]}}", 400, null, null),
                new Bad("POST", ports, p + "\"security_groups\": [\"00000000-0000-0000-0000-000000000000\"]}}", 404,
                        "SecurityGroupNotFound", null),
                new Bad("POST", ports, p + "\"port_security_enabled\": false, \"allowed_address_pairs\": "
                        + "[{\"ip_address\": \"10.90.0.9\"}]}}", 409, "AddressPairAndPortSecurityRequired", null),
                new Bad("POST", ports, p + "\"binding:vnic_type\": \"sideways\"}}", 400, null, null),
                new Bad("POST", ports, "{\"port\": {\"network_id\": \"not-a-uuid\"}}", 400, null, null),
                new Bad("POST", rules, r + "\"protocol\": \"bogus\"}}", 400, null, null),
                new Bad("POST", rules, r + "\"protocol\": \"tcp\", \"port_range_min\": 90, \"port_range_max\": 80}}",
                        400, null, null),
                new Bad("POST", rules, r + "\"ethertype\": \"IPv4\", \"remote_ip_prefix\": \"fd00::/64\"}}", 400,
                        null, null),
                new Bad("POST", rules, r + "\"direction\": \"sideways\"}}", 400, null, null),
                new Bad("POST", rules, r + "\"protocol\": 1.5}}", 400, "SecurityGroupRuleInvalidProtocol", null),
                new Bad("POST", "/v2.0/networks", "{\"network\": {\"availability_zone_hints\": [\"nope\"]}}", 404,
                        "AvailabilityZoneNotFound", "AvailabilityZone nope could not be found."),
                new Bad("POST", "/v2.0/networks", "{\"network\": {\"availability_zone_hints\": \"nope\"}}", 400,
                        null, null),
                new Bad("POST", "/v2.0/routers", "{\"router\": {\"availability_zone_hints\": [\"nope\"]}}", 404,
                        "AvailabilityZoneNotFound", "AvailabilityZone nope could not be found."),
                new Bad("POST", rules, r + "\"remote_group_id\": 1}}", 404, "SecurityGroupNotFound", null),
                new Bad("POST", subnets, "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, "
                        + "\"prefixlen\": 99999999999999999999}}", 400, "InvalidInput", null),
                new Bad("POST", ports, p + "\"binding:host_id\": \"" + "h".repeat(300) + "\"}}", 400, "HTTPBadRequest",
                        null),
                new Bad("POST", rules, "{\"security_group_rule\": {\"security_group_id\": "
                        + "\"00000000-0000-0000-0000-000000000000\", \"direction\": \"ingress\"}}", 404,
                        "SecurityGroupNotFound", null),
                new Bad("POST", "/v2.0/security-groups", "{\"security_group\": {\"name\": \"default\"}}", 409,
                        "SecurityGroupDefaultAlreadyExists", null),
                new Bad("PUT", subnets + "/" + subnet, "{\"subnet\": {\"cidr\": \"10.95.0.0/24\"}}", 400,
                        "HTTPBadRequest", "Cannot update read-only attribute cidr"));
        List<String> failures = check(api, bad);
        assertTrue(String.join("\n", failures), failures.isEmpty());
        for (int i = 0; i < collections.size(); i++) {
            assertEquals("bad input changed nothing in " + collections.get(i), before.get(i),
                    api.get(collections.get(i)).text());
        }
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
        List<String> failures = check(api, bad);
        assertTrue(String.join("\n", failures), failures.isEmpty());
        assertTrue("at least 20 distinct malformed requests", bad.size() >= 20);
        assertEquals("bad input changed nothing", before, api.get("/v2.0/networks").text());
    }
}
