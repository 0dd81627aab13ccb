package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern EXPECTED = Pattern.compile("-> (\\d{3}) (\\w+)(?:: (.*))?");
    private static final Pattern REQUEST = Pattern.compile("(GET|POST|PUT|DELETE) .*");

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

    /**
     * Bad requests as text: a line "METHOD PATH [BODY]", then "-> STATUS TYPE[: MESSAGE]"; a line
     * starting with neither continues the one before it (joined by one space). {name} in a
     * request or message stands for ids.get(name).
     */
    private static List<Bad> requests(String text, Map<String, String> ids) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String l = line.strip();
            if (lines.isEmpty() || l.startsWith("->") || REQUEST.matcher(l).matches()) {
                lines.add(l);
            } else {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + l);
            }
        }
        List<Bad> bad = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] request = fill(lines.get(i), ids).split(" ", 3);
            Matcher expected = EXPECTED.matcher(lines.get(i + 1));
            if (request.length < 2 || !expected.matches()) {
                throw new IllegalArgumentException("not a request and its answer: " + lines.get(i) + " / "
                        + lines.get(i + 1));
            }
            bad.add(new Bad(request[0], request[1], request.length > 2 ? request[2] : null,
                    Integer.parseInt(expected.group(1)), expected.group(2),
                    expected.group(3) == null ? null : fill(expected.group(3), ids)));
        }
        if (lines.size() % 2 != 0) {
            throw new IllegalArgumentException("a request without its answer: " + lines.get(lines.size() - 1));
        }
        return bad;
    }

    private static String fill(String text, Map<String, String> ids) {
        String out = text;
        for (Map.Entry<String, String> e : ids.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** A network (ids[netKey]) with the given attributes and one IPv4 subnet (ids[subnetKey]). */
    private static void network(Http api, Map<String, String> ids, String netKey, String subnetKey,
            String networkAttributes, String subnetAttributes) throws Exception {
        ids.put(netKey, id(api.post("/v2.0/networks", "{\"network\": {\"name\": \"bad-" + netKey + "\""
                + (networkAttributes.isEmpty() ? "" : ", " + networkAttributes) + "}}")));
        ids.put(subnetKey, id(api.post("/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + ids.get(netKey)
                + "\", \"ip_version\": 4, " + subnetAttributes + "}}")));
    }

    /** The id of what a POST created. */
    private static String id(Http.Answer created) {
        if (created.status() != 201) {
            throw new AssertionError(created.status() + " " + created.text());
        }
        Object member = created.map().values().iterator().next();
        return (String) ((Map<?, ?>) member).get("id");
    }

    private static void assertAllRefused(Http api, List<Bad> bad) throws Exception {
        List<String> failures = check(api, bad);
        assertTrue(failures.size() + " of " + bad.size() + " not as expected:\n" + String.join("\n", failures),
                failures.isEmpty());
    }

    /** Each collection's list, as text: two snapshots are equal only if nothing in them changed. */
    private static List<String> snapshot(Http api, List<String> collections) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String c : collections) {
            Http.Answer a = api.get(c);
            assertEquals(c + ": " + a.text(), 200, a.status());
            texts.add(a.text());
        }
        return texts;
    }

    private static void assertUnchanged(Http api, List<String> collections, List<String> before) throws Exception {
        List<String> after = snapshot(api, collections);
        for (int i = 0; i < collections.size(); i++) {
            assertEquals("bad input changed nothing in " + collections.get(i), before.get(i), after.get(i));
        }
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
                "/v2.0/security-group-rules", "/v2.0/subnetpools", "/v2.0/address-scopes");
        List<String> before = snapshot(api, collections);
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
        assertAllRefused(api, bad);
        assertUnchanged(api, collections, before);
    }

    /**
     * The attribute extensions of the core resources (issue 3): provider and multi-provider
     * segments, MTU, external, port security, address pairs, DHCP options, binding profile, host
     * routes, IPv6 modes, service types, subnet pools and their prefix operations, address scopes.
     */
    @Test
    public void badCoreAttributeExtensionsAre4xxAndChangeNothing() throws Exception {
        Http api = api();
        Map<String, String> ids = new HashMap<>(Map.of("U", UNKNOWN));
        ids.put("net", id(api.post("/v2.0/networks", "{\"network\": {\"name\": \"bad-attributes\"}}")));
        ids.put("sub", id(api.post("/v2.0/subnets", fill("{\"subnet\": {\"network_id\": \"{net}\", \"ip_version\": 4, "
                + "\"cidr\": \"10.80.0.0/24\"}}", ids))));
        ids.put("port", id(api.post("/v2.0/ports", fill("{\"port\": {\"network_id\": \"{net}\"}}", ids))));
        ids.put("pool", id(api.post("/v2.0/subnetpools", "{\"subnetpool\": {\"name\": \"bad-attributes\", "
                + "\"prefixes\": [\"10.200.0.0/16\"], \"default_prefixlen\": 24}}")));
        ids.put("scope", id(api.post("/v2.0/address-scopes", "{\"address_scope\": {\"name\": \"bad-attributes\", "
                + "\"ip_version\": 4}}")));
        List<String> collections = List.of("/v2.0/networks", "/v2.0/subnets", "/v2.0/ports", "/v2.0/subnetpools",
                "/v2.0/address-scopes");
        List<String> before = snapshot(api, collections);
        List<Bad> bad = requests("""
                POST /v2.0/networks {"network": {"provider:network_type": "bogus"}}
                  -> 400 InvalidInput: Invalid input for operation: network_type value 'bogus' not supported.
                POST /v2.0/networks {"network": {"provider:network_type": 5}}
                  -> 400 HTTPBadRequest: Invalid input for provider:network_type. Reason: '5' is not a valid string.
                POST /v2.0/networks {"network": {"provider:network_type": "vlan", "provider:physical_network":
                    "physnet1", "provider:segmentation_id": 4095}}
                  -> 400 InvalidInput: Invalid input for operation: segmentation_id out of range (1 through 4094).
                POST /v2.0/networks {"network": {"provider:network_type": "vlan", "provider:physical_network":
                    "physnet1", "provider:segmentation_id": 0}}
                  -> 400 InvalidInput: Invalid input for operation: segmentation_id out of range (1 through 4094).
                POST /v2.0/networks {"network": {"provider:network_type": "vlan", "provider:physical_network": "nope",
                    "provider:segmentation_id": 150}}
                  -> 400 InvalidInput: Invalid input for operation: physical_network 'nope' unknown for VLAN provider
                      network.
                POST /v2.0/networks {"network": {"provider:network_type": "vlan", "provider:physical_network":
                    "physnet1", "provider:segmentation_id": "abc"}}
                  -> 400 InvalidInput: Invalid input for operation: 'abc' is not an integer.
                POST /v2.0/networks {"network": {"provider:network_type": "flat", "provider:segmentation_id": 5}}
                  -> 400 InvalidInput: Invalid input for operation: physical_network required for flat provider network.
                POST /v2.0/networks {"network": {"provider:network_type": "vxlan", "provider:physical_network":
                    "physnet1"}}
                  -> 400 InvalidInput: Invalid input for operation: provider:physical_network specified for vxlan
                      network.
                POST /v2.0/networks {"network": {"provider:physical_network": 7}}
                  -> 400 HTTPBadRequest: Invalid input for provider:physical_network. Reason: '7' is not a valid string.
                POST /v2.0/networks {"network": {"segments": "x"}}
                  -> 400 HTTPBadRequest: Invalid input for segments. Reason: 'x' is not a list.
                POST /v2.0/networks {"network": {"segments": [{"provider:network_type": "vlan",
                    "provider:physical_network": "physnet1", "provider:segmentation_id": 5000}]}}
                  -> 400 InvalidInput: Invalid input for operation: segmentation_id out of range (1 through 4094).
                POST /v2.0/networks {"network": {"segments": [{"provider:network_type": "bogus"}]}}
                  -> 400 InvalidInput: Invalid input for operation: network_type value 'bogus' not supported.
                POST /v2.0/networks {"network": {"segments": [{"provider:network_type": "vlan",
                    "provider:physical_network": "nope"}]}}
                  -> 400 InvalidInput: Invalid input for operation: physical_network 'nope' unknown for VLAN provider
                      network.
                POST /v2.0/networks {"network": {"segments": [{"provider:network_type": "vxlan", "bogus": 1}]}}
                  -> 400 HTTPBadRequest: Unrecognized attribute(s) 'bogus'
                POST /v2.0/networks {"network": {"segments": [{"provider:network_type": "vxlan"}],
                    "provider:network_type": "vxlan"}}
                  -> 400 SegmentsSetInConjunctionWithProviders: Segments and provider values cannot both be set.
                POST /v2.0/networks {"network": {"segments": [{"provider:network_type": "vlan",
                    "provider:physical_network": "physnet1", "provider:segmentation_id": 150}, {"provider:network_type":
                    "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 150}]}}
                  -> 400 SegmentsContainDuplicateEntry: Duplicate segment entry in request.
                POST /v2.0/networks {"network": {"mtu": -1}}
                  -> 400 HTTPBadRequest: Invalid input for mtu. Reason: '-1' should be non-negative.
                POST /v2.0/networks {"network": {"mtu": "big"}}
                  -> 400 InvalidInput: Invalid input for operation: 'big' is not an integer.
                POST /v2.0/networks {"network": {"mtu": 9000}}
                  -> 400 InvalidInput: Invalid input for operation: Requested MTU is too big, maximum is 1450.
                PUT /v2.0/networks/{net} {"network": {"mtu": -5}}
                  -> 400 HTTPBadRequest: Invalid input for mtu. Reason: '-5' should be non-negative.
                PUT /v2.0/networks/{net} {"network": {"mtu": "x"}}
                  -> 400 InvalidInput: Invalid input for operation: 'x' is not an integer.
                POST /v2.0/networks {"network": {"router:external": "perhaps"}}
                  -> 400 InvalidInput: Invalid input for operation: 'perhaps' cannot be converted to boolean.
                POST /v2.0/networks {"network": {"router:external": [1]}}
                  -> 400 InvalidInput: Invalid input for operation: '[1]' cannot be converted to boolean.
                PUT /v2.0/networks/{net} {"network": {"router:external": "perhaps"}}
                  -> 400 InvalidInput: Invalid input for operation: 'perhaps' cannot be converted to boolean.
                POST /v2.0/networks {"network": {"port_security_enabled": "perhaps"}}
                  -> 400 InvalidInput: Invalid input for operation: 'perhaps' cannot be converted to boolean.
                POST /v2.0/networks {"network": {"qos_policy_id": "not-a-uuid"}}
                  -> 400 HTTPBadRequest: Invalid input for qos_policy_id. Reason: 'not-a-uuid' is not a valid UUID.
                POST /v2.0/networks {"network": {"qos_policy_id": "{U}"}}
                  -> 404 QosPolicyNotFound
                POST /v2.0/networks {"network": {"availability_zone_hints": [5]}}
                  -> 400 HTTPBadRequest: Invalid input for availability_zone_hints. Reason: '5' is not a valid string.
                POST /v2.0/ports {"port": {"network_id": "{net}", "port_security_enabled": "perhaps"}}
                  -> 400 InvalidInput: Invalid input for operation: 'perhaps' cannot be converted to boolean.
                PUT /v2.0/ports/{port} {"port": {"port_security_enabled": "perhaps"}}
                  -> 400 InvalidInput: Invalid input for operation: 'perhaps' cannot be converted to boolean.
                POST /v2.0/ports {"port": {"network_id": "{net}", "allowed_address_pairs": [{"ip_address":
                    "10.80.0.300"}]}}
                  -> 400 HTTPBadRequest: '10.80.0.300' is not a valid IP address
                POST /v2.0/ports {"port": {"network_id": "{net}", "allowed_address_pairs": [{"ip_address": "10.80.0.30",
                    "mac_address": "zz:zz"}]}}
                  -> 400 HTTPBadRequest: 'zz:zz' is not a valid MAC address
                POST /v2.0/ports {"port": {"network_id": "{net}", "allowed_address_pairs": [{"mac_address":
                    "fa:16:3e:00:00:01"}]}}
                  -> 400 AllowedAddressPairsMissingIP: AllowedAddressPair must contain ip_address
                POST /v2.0/ports {"port": {"network_id": "{net}", "allowed_address_pairs": "x"}}
                  -> 400 HTTPBadRequest: Allowed address pairs must be a list.
                POST /v2.0/ports {"port": {"network_id": "{net}", "allowed_address_pairs": [{"ip_address": "10.80.0.30",
                    "bogus": 1}]}}
                  -> 400 HTTPBadRequest: Unrecognized attribute(s) 'bogus'
                POST /v2.0/ports {"port": {"network_id": "{net}", "allowed_address_pairs": [{"ip_address":
                    "10.80.0.30"}, {"ip_address": "10.80.0.30"}]}}
                  -> 400 DuplicateAddressPairInRequest: Request contains duplicate address pair: mac_address None
                      ip_address 10.80.0.30.
                PUT /v2.0/ports/{port} {"port": {"allowed_address_pairs": [{"ip_address": "not-an-ip"}]}}
                  -> 400 HTTPBadRequest: 'not-an-ip' is not a valid IP address
                POST /v2.0/ports {"port": {"network_id": "{net}", "extra_dhcp_opts": "x"}}
                  -> 400 InvalidInput: Invalid input for operation: 'x' is not a list.
                POST /v2.0/ports {"port": {"network_id": "{net}", "extra_dhcp_opts": [{"opt_value": "1.2.3.4"}]}}
                  -> 400 InvalidInput: Invalid input for operation: No valid key specs matched for: {'opt_value':
                      '1.2.3.4'}.
                POST /v2.0/ports {"port": {"network_id": "{net}", "extra_dhcp_opts": [{"opt_name": "router",
                    "opt_value": "1.2.3.4", "ip_version": 5}]}}
                  -> 400 InvalidInput: Invalid input for operation: No valid key specs matched for: {'opt_name':
                      'router', 'opt_value': '1.2.3.4', 'ip_version': 5}.
                POST /v2.0/ports {"port": {"network_id": "{net}", "extra_dhcp_opts": [{"opt_name": "router",
                    "opt_value": "1.2.3.4", "bogus": 1}]}}
                  -> 400 InvalidInput: Invalid input for operation: No valid key specs matched for: {'opt_name':
                      'router', 'opt_value': '1.2.3.4', 'bogus': 1}.
                POST /v2.0/ports {"port": {"network_id": "{net}", "extra_dhcp_opts": [5]}}
                  -> 400 InvalidInput: Invalid input for operation: No valid key specs matched for: 5.
                PUT /v2.0/ports/{port} {"port": {"extra_dhcp_opts": {"opt_name": "router"}}}
                  -> 400 InvalidInput: Invalid input for operation: '{'opt_name': 'router'}' is not a list.
                POST /v2.0/ports {"port": {"network_id": "{net}", "binding:profile": "x"}}
                  -> 400 HTTPBadRequest: Invalid input for binding:profile. Reason: 'x' is not a dictionary.
                POST /v2.0/ports {"port": {"network_id": "{net}", "binding:profile": [1]}}
                  -> 400 HTTPBadRequest: Invalid input for binding:profile. Reason: '[1]' is not a dictionary.
                PUT /v2.0/ports/{port} {"port": {"binding:profile": 5}}
                  -> 400 HTTPBadRequest: Invalid input for binding:profile. Reason: '5' is not a dictionary.
                POST /v2.0/ports {"port": {"network_id": "{net}", "qos_policy_id": "not-a-uuid"}}
                  -> 400 HTTPBadRequest: Invalid input for qos_policy_id. Reason: 'not-a-uuid' is not a valid UUID.
                POST /v2.0/ports {"port": {"network_id": "{net}", "qos_policy_id": "{U}"}}
                  -> 404 QosPolicyNotFound
                POST /v2.0/ports {"port": {"network_id": "{net}", "device_owner": 5}}
                  -> 400 HTTPBadRequest: Invalid input for device_owner. Reason: '5' is not a valid string.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "host_routes": "x"}}
                  -> 400 HTTPBadRequest: Invalid input for host_routes. Reason: Invalid data format for hostroute: 'x'.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "host_routes": [{"destination": "10.9.0.0/99", "nexthop": "10.83.0.1"}]}}
                  -> 400 HTTPBadRequest: Invalid input for host_routes. Reason: '10.9.0.0/99' is not a valid CIDR.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "host_routes": [{"destination": "10.9.0.0/24", "nexthop": "nope"}]}}
                  -> 400 HTTPBadRequest: Invalid input for host_routes. Reason: 'nope' is not a valid IP address.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "host_routes": [{"destination": "10.9.0.0/24"}]}}
                  -> 400 HTTPBadRequest: Invalid input for host_routes. Reason: Validation of dictionary's keys failed.
                      Expected keys: {'destination', 'nexthop'} Provided keys: {'destination'}.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "host_routes": [{"destination": "fd00::/64", "nexthop": "10.83.0.1"}]}}
                  -> 400 InvalidInput: Invalid input for operation: destination 'fd00::/64' does not match the
                      ip_version '4'.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "host_routes": [{"destination": "10.9.0.0/24", "nexthop": "10.83.0.1"}, {"destination":
                    "10.9.0.0/24", "nexthop": "10.83.0.1"}]}}
                  -> 400 HTTPBadRequest: Invalid input for host_routes. Reason: Duplicate hostroute '{'destination':
                      '10.9.0.0/24', 'nexthop': '10.83.0.1'}'.
                PUT /v2.0/subnets/{sub} {"subnet": {"host_routes": [{"destination": "x", "nexthop": "10.80.0.1"}]}}
                  -> 400 HTTPBadRequest: Invalid input for host_routes. Reason: 'x' is not a valid CIDR.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "cidr": "fd10::/64",
                    "ipv6_ra_mode": "bogus"}}
                  -> 400 HTTPBadRequest: Invalid input for ipv6_ra_mode. Reason: bogus is not in valid_values.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "cidr": "fd10::/64",
                    "ipv6_address_mode": "bogus"}}
                  -> 400 HTTPBadRequest: Invalid input for ipv6_address_mode. Reason: bogus is not in valid_values.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "cidr": "fd10::/64",
                    "ipv6_ra_mode": "slaac", "ipv6_address_mode": "dhcpv6-stateful"}}
                  -> 400 InvalidInput: Invalid input for operation: ipv6_ra_mode set to 'slaac' with ipv6_address_mode
                      set to 'dhcpv6-stateful' is not valid. If both attributes are set, they must be the same value.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "cidr": "fd10::/64",
                    "ipv6_ra_mode": "dhcpv6-stateless", "ipv6_address_mode": "slaac"}}
                  -> 400 InvalidInput: Invalid input for operation: ipv6_ra_mode set to 'dhcpv6-stateless' with
                      ipv6_address_mode set to 'slaac' is not valid. If both attributes are set, they must be the same
                      value.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "ipv6_ra_mode": "slaac"}}
                  -> 400 InvalidInput: Invalid input for operation: ipv6_ra_mode is not valid when ip_version is 4.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "ipv6_address_mode": "slaac"}}
                  -> 400 InvalidInput: Invalid input for operation: ipv6_address_mode is not valid when ip_version is 4.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "cidr": "fd10::/96",
                    "ipv6_address_mode": "slaac"}}
                  -> 400 InvalidInput: Invalid input for operation: Invalid CIDR fd10::/96 for IPv6 address mode.
                      OpenStack uses the EUI-64 address format, which requires the prefix to be /64.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "cidr": "fd10::/64",
                    "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac", "enable_dhcp": false}}
                  -> 400 InvalidInput: Invalid input for operation: ipv6_ra_mode or ipv6_address_mode cannot be set when
                      enable_dhcp is set to False.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "service_types": "x"}}
                  -> 400 HTTPBadRequest: Subnet service types must be a list.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "service_types": [5]}}
                  -> 400 InvalidInputSubnetServiceType: Subnet service type 5 is not a string.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "service_types": ["bogus"]}}
                  -> 400 InvalidSubnetServiceType: Subnet service type bogus does not correspond to a valid device
                      owner.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "subnetpool_id": "{U}"}}
                  -> 404 SubnetPoolNotFound
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "subnetpool_id": "not-a-uuid"}}
                  -> 400 HTTPBadRequest: Invalid input for subnetpool_id. Reason: 'not-a-uuid' is not a valid UUID.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "subnetpool_id": "{pool}",
                    "prefixlen": 8}}
                  -> 400 SubnetAllocationError: Failed to allocate subnet: Insufficient prefix space to allocate subnet
                      size /8.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 6, "subnetpool_id": "{pool}"}}
                  -> 400 BadRequest: Bad subnets request: Cannot allocate IPv6 subnet from IPv4 subnet pool.
                POST /v2.0/subnets {"subnet": {"network_id": "{net}", "ip_version": 4, "cidr": "10.83.0.0/24",
                    "subnetpool_id": "{pool}"}}
                  -> 400 SubnetAllocationError: Failed to allocate subnet: Cannot allocate requested subnet from the
                      available set of prefixes.
                POST /v2.0/subnets {"subnet": {"network_id": "not-a-uuid", "ip_version": 4, "cidr": "10.83.0.0/24"}}
                  -> 400 HTTPBadRequest: Invalid input for network_id. Reason: 'not-a-uuid' is not a valid UUID.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.300.0.0/16"]}}
                  -> 400 HTTPBadRequest: Invalid input for prefixes. Reason: '10.300.0.0/16' is not a valid IP subnet.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": "10.0.0.0/16"}}
                  -> 400 HTTPBadRequest: Invalid input for prefixes. Reason: '10.0.0.0/16' is not a list.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad"}}
                  -> 400 HTTPBadRequest: Failed to parse request. Required attribute 'prefixes' not specified
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": []}}
                  -> 400 EmptySubnetPoolPrefixList: Empty subnet pool prefix list.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16", "fd00::/48"]}}
                  -> 400 PrefixVersionMismatch: Cannot mix IPv4 and IPv6 prefixes in a subnet pool.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "min_prefixlen": 24,
                    "max_prefixlen": 20}}
                  -> 400 IllegalSubnetPoolPrefixBounds: Illegal prefix bounds: min_prefixlen=24, max_prefixlen=20.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "max_prefixlen": 33}}
                  -> 400 IllegalSubnetPoolPrefixBounds: Illegal prefix bounds: max_prefixlen=33, ip_version_max=32.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "default_prefixlen":
                    30, "max_prefixlen": 28}}
                  -> 400 IllegalSubnetPoolPrefixBounds: Illegal prefix bounds: default_prefixlen=30, max_prefixlen=28.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "default_prefixlen":
                    "x"}}
                  -> 400 InvalidInput: Invalid input for operation: 'x' is not an integer.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "min_prefixlen": -1}}
                  -> 400 HTTPBadRequest: Invalid input for min_prefixlen. Reason: '-1' should be non-negative.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "default_quota": -5}}
                  -> 400 HTTPBadRequest: Invalid input for default_quota. Reason: '-5' should be non-negative.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "address_scope_id":
                    "{U}"}}
                  -> 404 AddressScopeNotFound
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "address_scope_id":
                    "not-a-uuid"}}
                  -> 400 HTTPBadRequest: Invalid input for address_scope_id. Reason: 'not-a-uuid' is not a valid UUID.
                POST /v2.0/subnetpools {"subnetpool": {"name": "bad", "prefixes": ["10.0.0.0/16"], "is_default":
                    "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                PUT /v2.0/subnetpools/{pool} {"subnetpool": {"min_prefixlen": 30}}
                  -> 400 IllegalSubnetPoolPrefixBounds: Illegal prefix bounds: default_prefixlen=24, min_prefixlen=30.
                PUT /v2.0/subnetpools/{pool} {"subnetpool": {"prefixes": ["10.201.0.0/16"]}}
                  -> 400 IllegalSubnetPoolPrefixUpdate: Illegal update to prefixes: Existing prefixes must be a subset
                      of the new prefixes.
                PUT /v2.0/subnetpools/{pool}/add_prefixes {"prefixes": ["10.300.0.0/16"]}
                  -> 400 HTTPBadRequest: Request body contains invalid data
                PUT /v2.0/subnetpools/{pool}/add_prefixes {"prefixes": "10.0.0.0/8"}
                  -> 400 HTTPBadRequest: Request body contains invalid data
                PUT /v2.0/subnetpools/{pool}/add_prefixes {"prefixes": ["fd00::/48"]}
                  -> 400 PrefixVersionMismatch: Cannot mix IPv4 and IPv6 prefixes in a subnet pool.
                PUT /v2.0/subnetpools/{pool}/add_prefixes {}
                  -> 400 HTTPBadRequest: Request body contains invalid data
                PUT /v2.0/subnetpools/{pool}/add_prefixes
                  -> 400 HTTPBadRequest: Request body contains invalid data
                PUT /v2.0/subnetpools/{pool}/remove_prefixes {"prefixes": ["10.300.0.0/16"]}
                  -> 400 HTTPBadRequest: Request body contains invalid data
                PUT /v2.0/subnetpools/{U}/add_prefixes {"prefixes": ["10.0.0.0/8"]}
                  -> 404 SubnetPoolNotFound
                POST /v2.0/address-scopes {"address_scope": {"name": "bad", "ip_version": 5}}
                  -> 400 HTTPBadRequest: Invalid input for ip_version. Reason: 5 is not in valid_values.
                POST /v2.0/address-scopes {"address_scope": {"name": "bad", "ip_version": "four"}}
                  -> 400 InvalidInput: Invalid input for operation: 'four' is not an integer.
                POST /v2.0/address-scopes {"address_scope": {"name": "bad"}}
                  -> 400 HTTPBadRequest: Failed to parse request. Required attribute 'ip_version' not specified
                POST /v2.0/address-scopes {"address_scope": {"name": 5, "ip_version": 4}}
                  -> 400 HTTPBadRequest: Invalid input for name. Reason: '5' is not a valid string.
                POST /v2.0/address-scopes {"address_scope": {"name": ["x"], "ip_version": 4}}
                  -> 400 HTTPBadRequest: Invalid input for name. Reason: '['x']' is not a valid string.
                POST /v2.0/address-scopes {"address_scope": {"name": "bad", "ip_version": 4, "shared": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                PUT /v2.0/address-scopes/{scope} {"address_scope": {"ip_version": 6}}
                  -> 400 HTTPBadRequest: Cannot update read-only attribute ip_version
                PUT /v2.0/address-scopes/{scope} {"address_scope": {"name": 5}}
                  -> 400 HTTPBadRequest: Invalid input for name. Reason: '5' is not a valid string.
                """, ids);
        assertAllRefused(api, bad);
        assertUnchanged(api, collections, before);
    }

    /**
     * The service plugins' resources and actions (issue 4): routers, their interfaces and extra
     * routes, floating IPs, metering labels and rules, QoS policies and each kind of rule. The
     * snapshot has every collection a half-done request would leave something in: a gateway or
     * interface port, a route, a floating IP, a rule. Whether ha/distributed are refused to a
     * non-admin cannot be asked here: under noauth every caller is admin, whatever X-Roles says.
     */
    @Test
    public void badServiceRequestsAre4xxAndChangeNothing() throws Exception {
        Http api = api();
        api.awaitServed("/v2.0/routers", "/v2.0/metering/metering-labels", "/v2.0/qos/policies");
        Map<String, String> ids = new HashMap<>(Map.of("U", UNKNOWN));
        network(api, ids, "ext", "extsub", "\"router:external\": true", "\"cidr\": \"172.30.0.0/24\"");
        network(api, ids, "net", "sub", "", "\"cidr\": \"10.80.0.0/24\"");
        network(api, ids, "nogw-net", "nogw", "", "\"cidr\": \"10.81.0.0/24\", \"gateway_ip\": null");
        network(api, ids, "ov-net", "ov", "", "\"cidr\": \"10.80.0.0/25\"");
        network(api, ids, "free-net", "free", "", "\"cidr\": \"10.82.0.0/24\"");
        ids.put("router", id(api.post("/v2.0/routers", "{\"router\": {\"name\": \"bad-router\"}}")));
        String router = "/v2.0/routers/" + ids.get("router");
        assertEquals(200, api.put(router + "/add_router_interface", fill("{\"subnet_id\": \"{sub}\"}", ids)).status());
        assertEquals(200, api.put(router, "{\"router\": {\"routes\": [{\"destination\": \"10.99.0.0/24\", "
                + "\"nexthop\": \"10.80.0.5\"}]}}").status());
        ids.put("port", id(api.post("/v2.0/ports", fill("{\"port\": {\"network_id\": \"{net}\"}}", ids))));
        ids.put("label", id(api.post("/v2.0/metering/metering-labels", "{\"metering_label\": {\"name\": \"bad\"}}")));
        ids.put("policy", id(api.post("/v2.0/qos/policies", "{\"policy\": {\"name\": \"bad\"}}")));
        String policy = "/v2.0/qos/policies/" + ids.get("policy");
        ids.put("bw", id(api.post(policy + "/bandwidth_limit_rules",
                "{\"bandwidth_limit_rule\": {\"max_kbps\": 100}}")));
        id(api.post(policy + "/dscp_marking_rules", "{\"dscp_marking_rule\": {\"dscp_mark\": 16}}"));
        id(api.post(policy + "/minimum_bandwidth_rules", "{\"minimum_bandwidth_rule\": {\"min_kbps\": 100}}"));
        List<String> collections = List.of("/v2.0/networks", "/v2.0/subnets", "/v2.0/ports", "/v2.0/routers",
                "/v2.0/floatingips", "/v2.0/metering/metering-labels", "/v2.0/metering/metering-label-rules",
                "/v2.0/qos/policies", policy + "/bandwidth_limit_rules", policy + "/dscp_marking_rules",
                policy + "/minimum_bandwidth_rules");
        List<String> before = snapshot(api, collections);
        List<Bad> bad = requests("""
                POST /v2.0/routers {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop": "10.80.0.5"}]}}
                  -> 400 HTTPBadRequest: Attribute 'routes' not allowed in POST
                POST /v2.0/routers {"router": {"routes": "x"}}
                  -> 400 HTTPBadRequest: Attribute 'routes' not allowed in POST
                PUT /v2.0/routers/{router} {"router": {"routes": "x"}}
                  -> 400 HTTPBadRequest: Invalid input for routes. Reason: Invalid data format for hostroute: 'x'.
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/99", "nexthop":
                    "10.80.0.5"}]}}
                  -> 400 HTTPBadRequest: Invalid input for routes. Reason: '10.9.0.0/99' is not a valid CIDR.
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop": "nope"}]}}
                  -> 400 HTTPBadRequest: Invalid input for routes. Reason: 'nope' is not a valid IP address.
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/24"}]}}
                  -> 400 HTTPBadRequest: Invalid input for routes. Reason: Validation of dictionary's keys failed.
                      Expected keys: {'destination', 'nexthop'} Provided keys: {'destination'}.
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop":
                    "10.81.0.5"}]}}
                  -> 400 InvalidRoutes: Invalid format for routes: [{'destination': '10.9.0.0/24', 'nexthop':
                      '10.81.0.5'}], the nexthop is not connected with router
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop":
                    "10.80.0.1"}]}}
                  -> 400 InvalidRoutes: Invalid format for routes: [{'destination': '10.9.0.0/24', 'nexthop':
                      '10.80.0.1'}], the nexthop is used by router
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop": "10.80.0.5",
                    "bogus": 1}]}}
                  -> 400 HTTPBadRequest: Invalid input for routes. Reason: Validation of dictionary's keys failed.
                      Expected keys: {'destination', 'nexthop'} Provided keys: {'destination', 'nexthop', 'bogus'}.
                PUT /v2.0/routers/{router} {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop":
                    "10.80.0.5"}, {"destination": "10.9.0.0/24", "nexthop": "10.80.0.5"}]}}
                  -> 400 HTTPBadRequest: Invalid input for routes. Reason: Duplicate hostroute '{'destination':
                      '10.9.0.0/24', 'nexthop': '10.80.0.5'}'.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{net}"}}}
                  -> 400 BadRequest: Bad router request: Network {net} is not an external network.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{U}"}}}
                  -> 404 NetworkNotFound
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "not-a-uuid"}}}
                  -> 400 HTTPBadRequest: Invalid input for external_gateway_info. Reason: 'not-a-uuid' is not a valid
                      UUID.
                POST /v2.0/routers {"router": {"external_gateway_info": "x"}}
                  -> 400 HTTPBadRequest: Invalid input for external_gateway_info. Reason: 'x' is not a dictionary.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{ext}", "bogus": 1}}}
                  -> 400 HTTPBadRequest: Invalid input for external_gateway_info. Reason: Unexpected keys supplied:
                      bogus.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{ext}", "enable_snat":
                    "maybe"}}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{ext}", "external_fixed_ips":
                    [{"ip_address": "10.80.0.9"}]}}}
                  -> 400 InvalidIpForNetwork: IP address 10.80.0.9 is not a valid IP for any of the subnets on the
                      specified network.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{ext}", "external_fixed_ips":
                    [{"ip_address": "172.30.0.300"}]}}}
                  -> 400 HTTPBadRequest: Invalid input for external_gateway_info. Reason: '172.30.0.300' is not a valid
                      IP address.
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{ext}", "external_fixed_ips":
                    [{"subnet_id": "{sub}"}]}}}
                  -> 400 InvalidInput
                POST /v2.0/routers {"router": {"external_gateway_info": {"network_id": "{ext}", "external_fixed_ips":
                    "x"}}}
                  -> 400 HTTPBadRequest: Invalid input for external_gateway_info. Reason: Invalid data format for fixed
                      IP: 'x'.
                PUT /v2.0/routers/{router} {"router": {"external_gateway_info": {"network_id": "{net}"}}}
                  -> 400 BadRequest
                POST /v2.0/routers {"router": {"admin_state_up": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/routers {"router": {"ha": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/routers {"router": {"distributed": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/routers {"router": {"availability_zone_hints": "x"}}
                  -> 400 HTTPBadRequest: Invalid input for availability_zone_hints. Reason: 'x' is not a list.
                PUT /v2.0/routers/{router}/add_router_interface
                  -> 400 BadRequest: Bad router request: Either subnet_id or port_id must be specified.
                PUT /v2.0/routers/{router}/add_router_interface {}
                  -> 400 BadRequest: Bad router request: Either subnet_id or port_id must be specified.
                PUT /v2.0/routers/{router}/add_router_interface "x"
                  -> 400 BadRequest: Bad router request: Either subnet_id or port_id must be specified.
                PUT /v2.0/routers/{router}/add_router_interface {"subnet_id": "{free}", "port_id": "{port}"}
                  -> 400 BadRequest: Bad router request: Cannot specify both subnet-id and port-id.
                PUT /v2.0/routers/{router}/add_router_interface {"subnet_id": "{U}"}
                  -> 404 SubnetNotFound
                PUT /v2.0/routers/{router}/add_router_interface {"subnet_id": "not-a-uuid"}
                  -> 400 BadRequest: Bad router request: 'not-a-uuid' is not a valid UUID.
                PUT /v2.0/routers/{router}/add_router_interface {"port_id": "{U}"}
                  -> 404 PortNotFound
                PUT /v2.0/routers/{router}/add_router_interface {"subnet_id": "{nogw}"}
                  -> 400 BadRequest: Bad router request: Subnet for router interface must have a gateway IP.
                PUT /v2.0/routers/{router}/add_router_interface {"subnet_id": "{sub}"}
                  -> 400 BadRequest: Bad router request: Router already has a port on subnet {sub}.
                PUT /v2.0/routers/{router}/add_router_interface {"subnet_id": "{ov}"}
                  -> 400 BadRequest
                PUT /v2.0/routers/{router}/add_router_interface {"port_id": "{port}"}
                  -> 400 BadRequest
                PUT /v2.0/routers/{U}/add_router_interface {"subnet_id": "{free}"}
                  -> 404 RouterNotFound
                PUT /v2.0/routers/{router}/remove_router_interface
                  -> 400 BadRequest: Bad router request: Either subnet_id or port_id must be specified.
                PUT /v2.0/routers/{router}/remove_router_interface {}
                  -> 400 BadRequest: Bad router request: Either subnet_id or port_id must be specified.
                PUT /v2.0/routers/{router}/remove_router_interface {"subnet_id": "{free}"}
                  -> 404 RouterInterfaceNotFoundForSubnet: Router {router} has no interface on subnet {free}
                PUT /v2.0/routers/{router}/remove_router_interface {"port_id": "{port}"}
                  -> 404 RouterInterfaceNotFound
                PUT /v2.0/routers/{router}/remove_router_interface {"subnet_id": "{U}"}
                  -> 404 SubnetNotFound
                PUT /v2.0/routers/{router}/remove_router_interface {"subnet_id": "{sub}"}
                  -> 409 RouterInterfaceInUseByRoute: Router interface for subnet {sub} on router {router} cannot
                      be deleted, as it is required by one or more routes.
                PUT /v2.0/routers/{router}/remove_router_interface {"subnet_id": "{free}", "port_id": "{port}"}
                  -> 404 RouterInterfaceNotFound
                PUT /v2.0/routers/{router}/add_extraroutes
                  -> 400 BadRequest: Bad router request: a router with routes is expected.
                PUT /v2.0/routers/{router}/add_extraroutes {}
                  -> 400 BadRequest: Bad router request: a router with routes is expected.
                PUT /v2.0/routers/{router}/add_extraroutes {"router": {}}
                  -> 400 BadRequest: Bad router request: a router with routes is expected.
                PUT /v2.0/routers/{router}/add_extraroutes {"router": {"routes": "x"}}
                  -> 400 BadRequest: Bad router request: Invalid data format for hostroute: 'x'.
                PUT /v2.0/routers/{router}/add_extraroutes {"router": {"routes": [{"destination": "10.9.0.0/24",
                    "nexthop": "10.81.0.5"}]}}
                  -> 400 InvalidRoutes: Invalid format for routes: [{'destination': '10.99.0.0/24', 'nexthop':
                      '10.80.0.5'}, {'destination': '10.9.0.0/24', 'nexthop': '10.81.0.5'}], the nexthop is not
                      connected with router
                PUT /v2.0/routers/{router}/add_extraroutes {"router": {"routes": [{"destination": "bad", "nexthop":
                    "10.80.0.5"}]}}
                  -> 400 BadRequest: Bad router request: 'bad' is not a valid CIDR.
                PUT /v2.0/routers/{router}/add_extraroutes {"routes": [{"destination": "10.9.0.0/24", "nexthop":
                    "10.80.0.5"}]}
                  -> 400 BadRequest: Bad router request: a router with routes is expected.
                PUT /v2.0/routers/{router}/remove_extraroutes {"router": {"routes": "x"}}
                  -> 400 BadRequest: Bad router request: Invalid data format for hostroute: 'x'.
                PUT /v2.0/routers/{router}/remove_extraroutes {"router": {"routes": [{"destination": "bad", "nexthop":
                    "10.80.0.5"}]}}
                  -> 400 BadRequest: Bad router request: 'bad' is not a valid CIDR.
                PUT /v2.0/routers/{router}/remove_extraroutes {}
                  -> 400 BadRequest: Bad router request: a router with routes is expected.
                PUT /v2.0/routers/{U}/add_extraroutes {"router": {"routes": [{"destination": "10.9.0.0/24", "nexthop":
                    "10.80.0.5"}]}}
                  -> 404 RouterNotFound
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{U}"}}
                  -> 404 NetworkNotFound
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "not-a-uuid"}}
                  -> 400 HTTPBadRequest: Invalid input for floating_network_id. Reason: 'not-a-uuid' is not a valid
                      UUID.
                POST /v2.0/floatingips {"floatingip": {}}
                  -> 400 HTTPBadRequest: Failed to parse request. Required attribute 'floating_network_id' not specified
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{net}"}}
                  -> 400 BadRequest
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "fixed_ip_address": "10.80.0.5"}}
                  -> 400 BadRequest: Bad floatingip request: fixed_ip_address cannot be specified without a port_id.
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "floating_ip_address":
                    "172.30.0.300"}}
                  -> 400 HTTPBadRequest: Invalid input for floating_ip_address. Reason: '172.30.0.300' is not a valid IP
                      address.
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "floating_ip_address":
                    "10.80.0.9"}}
                  -> 400 InvalidIpForNetwork: IP address 10.80.0.9 is not a valid IP for any of the subnets on the
                      specified network.
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "port_id": "{U}"}}
                  -> 404 PortNotFound
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "port_id": "{port}"}}
                  -> 404 ExternalGatewayForFloatingIPNotFound
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "port_id": "{port}",
                    "fixed_ip_address": "10.80.0.250"}}
                  -> 400 BadRequest
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "port_id": "{port}",
                    "fixed_ip_address": "bad"}}
                  -> 400 HTTPBadRequest: Invalid input for fixed_ip_address. Reason: 'bad' is not a valid IP address.
                POST /v2.0/floatingips {"floatingip": {"floating_network_id": "{ext}", "subnet_id": "{sub}"}}
                  -> 400 InvalidInput
                POST /v2.0/metering/metering-labels {"metering_label": {"name": 5}}
                  -> 400 HTTPBadRequest: Invalid input for name. Reason: '5' is not a valid string.
                POST /v2.0/metering/metering-labels {"metering_label": {"shared": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "sideways", "remote_ip_prefix": "10.0.0.0/24"}}
                  -> 400 HTTPBadRequest: Invalid input for direction. Reason: sideways is not in valid_values.
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress", "remote_ip_prefix": "10.0.0.0/99"}}
                  -> 400 Invalid: remote_ip_prefix: 10.0.0.0/99 is invalid ['10.0.0.0/99' does not appear to be an IPv4
                      or IPv6 interface].
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress", "remote_ip_prefix": "nope"}}
                  -> 400 Invalid: remote_ip_prefix: nope is invalid ['nope' does not appear to be an IPv4 or IPv6
                      interface].
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress", "source_ip_prefix": "nope"}}
                  -> 400 Invalid: source_ip_prefix: nope is invalid ['nope' does not appear to be an IPv4 or IPv6
                      interface].
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress", "destination_ip_prefix": "10.0.0.0/33"}}
                  -> 400 Invalid: destination_ip_prefix: 10.0.0.0/33 is invalid ['10.0.0.0/33' does not appear to be an
                      IPv4 or IPv6 interface].
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{U}",
                    "direction": "ingress", "remote_ip_prefix": "10.0.0.0/24"}}
                  -> 404 MeteringLabelNotFound
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "not-a-uuid",
                    "direction": "ingress", "remote_ip_prefix": "10.0.0.0/24"}}
                  -> 400 HTTPBadRequest: Invalid input for metering_label_id. Reason: 'not-a-uuid' is not a valid UUID.
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress"}}
                  -> 400 Invalid: You must define at least one of the following parameters 'remote_ip_prefix', or
                      'source_ip_prefix' or 'destination_ip_prefix'.
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress", "remote_ip_prefix": "10.0.0.0/24", "source_ip_prefix": "10.1.0.0/24"}}
                  -> 400 Invalid: Cannot use 'remote-ip-prefix' in conjunction with 'source-ip-prefix' or
                      'destination-ip-prefix'.
                POST /v2.0/metering/metering-label-rules {"metering_label_rule": {"metering_label_id": "{label}",
                    "direction": "ingress", "remote_ip_prefix": "10.0.0.0/24", "excluded": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/qos/policies {"policy": {"name": 5}}
                  -> 400 HTTPBadRequest: Invalid input for name. Reason: '5' is not a valid string.
                POST /v2.0/qos/policies {"policy": {"shared": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                POST /v2.0/qos/policies {"policy": {"is_default": "maybe"}}
                  -> 400 InvalidInput: Invalid input for operation: 'maybe' cannot be converted to boolean.
                PUT /v2.0/qos/policies/{U} {"policy": {"name": "x"}}
                  -> 404 QosPolicyNotFound
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": -1}}
                  -> 400 HTTPBadRequest: Invalid input for max_kbps. Reason: '-1' is too small - must be at least '0'.
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": "fast"}}
                  -> 400 InvalidInput: Invalid input for operation: 'fast' is not an integer.
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps":
                    99999999999}}
                  -> 400 HTTPBadRequest: Invalid input for max_kbps. Reason: '99999999999' is too large - must be no
                      larger than '2147483647'.
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": 10,
                    "direction": "sideways"}}
                  -> 400 HTTPBadRequest: Invalid input for direction. Reason: sideways is not in valid_values.
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": 10,
                    "max_burst_kbps": -3}}
                  -> 400 HTTPBadRequest: Invalid input for max_burst_kbps. Reason: '-3' is too small - must be at least
                      '0'.
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": 10}}
                  -> 409 QoSRulesConflict
                POST /v2.0/qos/policies/{policy}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": 10,
                    "direction": "egress"}}
                  -> 409 QoSRulesConflict
                POST /v2.0/qos/policies/{U}/bandwidth_limit_rules {"bandwidth_limit_rule": {"max_kbps": 10}}
                  -> 404 QosPolicyNotFound
                PUT /v2.0/qos/policies/{policy}/bandwidth_limit_rules/{bw} {"bandwidth_limit_rule": {"max_kbps": -4}}
                  -> 400 HTTPBadRequest: Invalid input for max_kbps. Reason: '-4' is too small - must be at least '0'.
                PUT /v2.0/qos/policies/{policy}/bandwidth_limit_rules/{U} {"bandwidth_limit_rule": {"max_kbps": 4}}
                  -> 404 QosRuleNotFound
                POST /v2.0/qos/policies/{policy}/dscp_marking_rules {"dscp_marking_rule": {"dscp_mark": 7}}
                  -> 400 HTTPBadRequest: Invalid input for dscp_mark. Reason: 7 is not in valid_values.
                POST /v2.0/qos/policies/{policy}/dscp_marking_rules {"dscp_marking_rule": {"dscp_mark": 64}}
                  -> 400 HTTPBadRequest: Invalid input for dscp_mark. Reason: 64 is not in valid_values.
                POST /v2.0/qos/policies/{policy}/dscp_marking_rules {"dscp_marking_rule": {"dscp_mark": "x"}}
                  -> 400 InvalidInput: Invalid input for operation: 'x' is not an integer.
                POST /v2.0/qos/policies/{policy}/dscp_marking_rules {"dscp_marking_rule": {}}
                  -> 400 HTTPBadRequest: Failed to parse request. Required attribute 'dscp_mark' not specified
                POST /v2.0/qos/policies/{policy}/dscp_marking_rules {"dscp_marking_rule": {"dscp_mark": 18}}
                  -> 409 QoSRulesConflict
                POST /v2.0/qos/policies/{policy}/minimum_bandwidth_rules {"minimum_bandwidth_rule": {"min_kbps": -1}}
                  -> 400 HTTPBadRequest: Invalid input for min_kbps. Reason: '-1' is too small - must be at least '0'.
                POST /v2.0/qos/policies/{policy}/minimum_bandwidth_rules {"minimum_bandwidth_rule": {"min_kbps": 10,
                    "direction": "sideways"}}
                  -> 400 HTTPBadRequest: Invalid input for direction. Reason: sideways is not in valid_values.
                POST /v2.0/qos/policies/{policy}/minimum_bandwidth_rules {"minimum_bandwidth_rule": {}}
                  -> 400 HTTPBadRequest: Failed to parse request. Required attribute 'min_kbps' not specified
                POST /v2.0/qos/policies/{policy}/minimum_bandwidth_rules {"minimum_bandwidth_rule": {"min_kbps": 50}}
                  -> 409 QoSRulesConflict
                PUT /v2.0/qos/alias-bandwidth_limit_rules/{bw} {"alias_bandwidth_limit_rule": {"max_kbps": -1}}
                  -> 400 HTTPBadRequest: Invalid input for max_kbps. Reason: '-1' is too small - must be at least '0'.
                PUT /v2.0/qos/alias-bandwidth_limit_rules/{U} {"alias_bandwidth_limit_rule": {"max_kbps": 1}}
                  -> 404 QosRuleNotFound
                GET /v2.0/qos/rule-types/bogus
                  -> 404 HTTPNotFound: The resource could not be found.
                """, ids);
        assertAllRefused(api, bad);
        assertUnchanged(api, collections, before);
    }

    /**
     * A path with a malformed percent escape never reaches the API servlet: Jetty refuses it
     * while parsing. It must still be a NeutronError, not Jetty's HTML page. (Where Neutron's WSGI
     * server passes the escape on as it is, Neutron answers 404 NetworkNotFound for "%zz"; Jetty
     * cannot pass the request on, so 400 is the nearest honest answer.)
     */
    @Test
    public void aPathJettyCannotDecodeIsANeutronError() throws Exception {
        api();
        String answer;
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(System.getProperty("nucleon.test.http.port")))) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /v2.0/networks/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json"
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        int split = answer.indexOf("\r\n\r\n");
        assertTrue(answer, split > 0);
        String head = answer.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        assertTrue(answer, head.startsWith("http/1.1 400 "));
        assertTrue(answer, head.contains("\r\ncontent-type: application/json"));
        assertTrue(answer, head.contains("\r\nx-openstack-request-id: req-"));
        Map<?, ?> error = (Map<?, ?>) Http.JSON.readValue(answer.substring(split + 4), Map.class).get("NeutronError");
        assertEquals(answer, "HTTPBadRequest", error.get("type"));
        assertEquals(answer, java.util.Set.of("type", "message", "detail"), error.keySet());
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
                new Bad("GET", net + "?limit=1&marker=not-a-uuid", null, 404, "NetworkNotFound",
                        "Network not-a-uuid could not be found."),
                new Bad("PUT", one, "{\"network\": {\"qos_policy_id\": \"not-a-uuid\"}}", 400, "HTTPBadRequest",
                        "Invalid input for qos_policy_id. Reason: 'not-a-uuid' is not a valid UUID."),
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
