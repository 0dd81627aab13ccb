package org.nucleon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The service plugins' HTTP paths that only unit tests reached before, through the real
 * distribution: atomic extra routes, the DSCP-marking and minimum-bandwidth rules, the
 * qos-rules-alias routes, rule type details, router availability zones, a floating IP on a chosen
 * fixed IP and a gateway on chosen external IPs. Availability zones exist only where an L3 agent
 * reports one, so this server reads its agents from the machine's RabbitMQ as AgentsRpcIT's does,
 * on an exchange of its own so that the two never take each other's reports.
 */
public class ServiceApiIT {
    private static final String EXCHANGE = "nucleon-service-api-it";
    private static KarafProcess karaf;
    private static Http api;

    @BeforeClass
    public static void start() throws Exception {
        karaf = new KarafProcess("dist-service-api");
        karaf.config("org.nucleon.agents", "transport_url = " + AgentsRpcIT.BROKER + "\ncontrol_exchange = " + EXCHANGE
                + "\n");
        karaf.start();
        api = karaf.api();
        api.awaitServed("/v2.0/routers", "/v2.0/floatingips", "/v2.0/qos/policies");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** AgentsRpcIT's agent script on this class's exchange: what it prints. */
    private static String agent(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "src/test/resources/agents/report_state.py",
                AgentsRpcIT.BROKER));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CONTROL_EXCHANGE", EXCHANGE);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue("report_state.py timed out", p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? out : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Http.Answer a, int status, String member) {
        assertEquals(a.text(), status, a.status());
        return (Map<String, Object>) a.map().get(member);
    }

    private static Map<String, Object> create(String collection, String member, String body) throws Exception {
        return member(api.post("/v2.0/" + collection, body), 201, member);
    }

    private static void addInterface(String router, String subnet) throws Exception {
        Http.Answer a = api.put("/v2.0/routers/" + router + "/add_router_interface", "{\"subnet_id\": \"" + subnet
                + "\"}");
        assertEquals(a.text(), 200, a.status());
        assertEquals(subnet, a.map().get("subnet_id"));
    }

    private static String id(Map<String, Object> resource) {
        return (String) resource.get("id");
    }

    private static Map<String, Object> route(String destination, String nexthop) {
        return Map.of("destination", destination, "nexthop", nexthop);
    }

    /** A network with one subnet; returns the subnet. */
    private static Map<String, Object> subnet(String name, String cidr, boolean external) throws Exception {
        String net = id(create("networks", "network", "{\"network\": {\"name\": \"" + name + "\", \"router:external\": "
                + external + "}}"));
        return create("subnets", "subnet", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, "
                + "\"cidr\": \"" + cidr + "\"}}");
    }

    @Test
    public void extraRoutesAreAddedAndRemovedAtomically() throws Exception {
        Map<String, Object> sub = subnet("routes", "10.60.0.0/24", false);
        String router = id(create("routers", "router", "{\"router\": {\"name\": \"routes\"}}"));
        String path = "/v2.0/routers/" + router;
        addInterface(router, id(sub));
        Map<String, Object> a = route("10.61.0.0/24", "10.60.0.5");
        Map<String, Object> b = route("10.62.0.0/24", "10.60.0.6");
        Map<String, Object> c = route("10.63.0.0/24", "10.60.0.7");

        Map<String, Object> r = member(api.put(path + "/add_extraroutes",
                Http.JSON.writeValueAsString(Map.of("router", Map.of("routes", List.of(a, b))))), 200, "router");
        assertEquals(List.of(a, b), r.get("routes"));
        r = member(api.put(path + "/add_extraroutes",
                Http.JSON.writeValueAsString(Map.of("router", Map.of("routes", List.of(b, c))))), 200, "router");
        assertEquals("a route already there is not added twice", List.of(a, b, c), r.get("routes"));
        r = member(api.put(path + "/remove_extraroutes",
                Http.JSON.writeValueAsString(Map.of("router", Map.of("routes", List.of(a, c))))), 200, "router");
        assertEquals(List.of(b), r.get("routes"));
        assertEquals(List.of(b), member(api.get(path), 200, "router").get("routes"));
        r = member(api.put(path + "/remove_extraroutes",
                Http.JSON.writeValueAsString(Map.of("router", Map.of("routes", List.of(a))))), 200, "router");
        assertEquals("removing a route that is not there changes nothing", List.of(b), r.get("routes"));
    }

    /** Create, list, show, update and delete of one rule kind, under its policy and through its alias. */
    private static void ruleLifecycle(String kind, Map<String, Object> given, Map<String, Object> change)
            throws Exception {
        String policy = id(create("qos/policies", "policy", "{\"policy\": {\"name\": \"" + kind + "\"}}"));
        String rules = "/v2.0/qos/policies/" + policy + "/" + kind + "_rules";
        String member = kind + "_rule";
        Map<String, Object> rule = member(api.post(rules, Http.JSON.writeValueAsString(Map.of(member, given))), 201,
                member);
        given.forEach((k, v) -> assertEquals(k, v, rule.get(k)));
        String one = rules + "/" + id(rule);
        assertEquals(rule, member(api.get(one), 200, member));
        assertEquals(List.of(rule), api.get(rules).map().get(kind + "_rules"));
        List<?> inPolicy = (List<?>) member(api.get("/v2.0/qos/policies/" + policy), 200, "policy").get("rules");
        assertEquals(1, inPolicy.size());
        assertEquals(kind, ((Map<?, ?>) inPolicy.get(0)).get("type"));

        Map<String, Object> updated = member(api.put(one, Http.JSON.writeValueAsString(Map.of(member, change))), 200,
                member);
        change.forEach((k, v) -> assertEquals(k, v, updated.get(k)));
        assertEquals(updated, member(api.get(one), 200, member));

        String alias = "/v2.0/qos/alias-" + kind + "_rules/" + id(rule);
        String aliasMember = "alias_" + member;
        assertEquals("the alias reaches the rule by its id alone", updated, member(api.get(alias), 200, aliasMember));
        Map<String, Object> back = member(api.put(alias, Http.JSON.writeValueAsString(Map.of(aliasMember, given))),
                200, aliasMember);
        given.forEach((k, v) -> assertEquals(k, v, back.get(k)));
        assertEquals("the alias changed the policy's rule", back, member(api.get(one), 200, member));

        assertEquals(204, api.delete(alias).status());
        assertEquals("QosRuleNotFound", api.get(one).errorType());
        assertEquals(List.of(), api.get(rules).map().get(kind + "_rules"));
        String second = id(member(api.post(rules, Http.JSON.writeValueAsString(Map.of(member, given))), 201, member));
        assertEquals(204, api.delete(rules + "/" + second).status());
        assertEquals("QosRuleNotFound", api.get(alias.replace(id(rule), second)).errorType());
    }

    @Test
    public void dscpMarkingRulesLiveUnderTheirPolicyAndTheirAlias() throws Exception {
        ruleLifecycle("dscp_marking", Map.of("dscp_mark", 16), Map.of("dscp_mark", 26));
    }

    @Test
    public void minimumBandwidthRulesLiveUnderTheirPolicyAndTheirAlias() throws Exception {
        ruleLifecycle("minimum_bandwidth", Map.of("min_kbps", 1000, "direction", "egress"), Map.of("min_kbps", 2000));
    }

    @Test
    public void bandwidthLimitRulesLiveUnderTheirPolicyAndTheirAlias() throws Exception {
        ruleLifecycle("bandwidth_limit", Map.of("max_kbps", 1000, "max_burst_kbps", 100, "direction", "egress"),
                Map.of("max_kbps", 3000));
    }

    @Test
    public void ruleTypeShowsItsDriversDetails() throws Exception {
        Map<String, Object> type = member(api.get("/v2.0/qos/rule-types/bandwidth_limit"), 200, "rule_type");
        assertEquals("bandwidth_limit", type.get("type"));
        List<?> drivers = (List<?>) type.get("drivers");
        assertEquals(1, drivers.size());
        Map<?, ?> driver = (Map<?, ?>) drivers.get(0);
        assertEquals("openvswitch", driver.get("name"));
        List<?> parameters = (List<?>) driver.get("supported_parameters");
        assertEquals(Map.of("parameter_name", "direction", "parameter_type", "choices",
                "parameter_values", List.of("ingress", "egress")), parameters.get(2));
        assertEquals(List.of("max_kbps", "max_burst_kbps", "direction"),
                parameters.stream().map(p -> ((Map<?, ?>) p).get("parameter_name")).toList());
        assertTrue("a list has the types only", ((List<?>) api.get("/v2.0/qos/rule-types").map().get("rule_types"))
                .contains(Map.of("type", "bandwidth_limit")));
    }

    @Test
    public void routerAvailabilityZoneHintsAreKeptAndShown() throws Exception {
        String host = "it-l3-" + UUID.randomUUID();
        assertTrue("the server never answered has_alive_neutron_server",
                Http.await(120_000, () -> "true".equals(agent("ping"))));
        assertEquals("\"new\"", agent("report", host, "l3", "--start"));
        Map<String, Object> r = create("routers", "router", "{\"router\": {\"name\": \"az\", "
                + "\"availability_zone_hints\": [\"nova\"]}}");
        assertEquals(List.of("nova"), r.get("availability_zone_hints"));
        String path = "/v2.0/routers/" + id(r);
        assertEquals(List.of("nova"), member(api.get(path), 200, "router").get("availability_zone_hints"));
        List<?> listed = (List<?>) api.get("/v2.0/routers?name=az").map().get("routers");
        assertEquals(List.of("nova"), ((Map<?, ?>) listed.get(0)).get("availability_zone_hints"));
        assertEquals("hints cannot change", 400, api.put(path, "{\"router\": {\"availability_zone_hints\": []}}")
                .status());
        assertEquals(List.of("nova"), member(api.get(path), 200, "router").get("availability_zone_hints"));
    }

    @Test
    public void gatewayTakesTheExternalIpsItIsGivenAndAFloatingIpTheFixedIpItNames() throws Exception {
        Map<String, Object> ext = subnet("public", "172.26.0.0/24", true);
        String extNet = (String) ext.get("network_id");
        String gateway = "{\"network_id\": \"" + extNet + "\", \"external_fixed_ips\": [{\"subnet_id\": \""
                + id(ext) + "\", \"ip_address\": \"172.26.0.50\"}]}";
        Map<String, Object> router = create("routers", "router", "{\"router\": {\"name\": \"gw\", "
                + "\"external_gateway_info\": " + gateway + "}}");
        Map<?, ?> info = (Map<?, ?>) router.get("external_gateway_info");
        assertEquals(List.of(Map.of("subnet_id", id(ext), "ip_address", "172.26.0.50")),
                info.get("external_fixed_ips"));
        List<?> gwPorts = (List<?>) api.get("/v2.0/ports?device_owner=network:router_gateway&device_id=" + id(router))
                .map().get("ports");
        assertEquals(1, gwPorts.size());
        assertEquals(List.of(Map.of("subnet_id", id(ext), "ip_address", "172.26.0.50")),
                ((Map<?, ?>) gwPorts.get(0)).get("fixed_ips"));

        Map<String, Object> in = subnet("private", "10.64.0.0/24", false);
        addInterface(id(router), id(in));
        Map<String, Object> port = create("ports", "port", "{\"port\": {\"network_id\": \"" + in.get("network_id")
                + "\", \"fixed_ips\": [{\"ip_address\": \"10.64.0.10\"}, {\"ip_address\": \"10.64.0.11\"}]}}");
        Map<String, Object> fip = create("floatingips", "floatingip", "{\"floatingip\": {\"floating_network_id\": \""
                + extNet + "\", \"port_id\": \"" + id(port) + "\", \"fixed_ip_address\": \"10.64.0.11\"}}");
        assertEquals("10.64.0.11", fip.get("fixed_ip_address"));
        assertEquals(id(port), fip.get("port_id"));
        String path = "/v2.0/floatingips/" + id(fip);
        Map<String, Object> moved = member(api.put(path, "{\"floatingip\": {\"port_id\": \"" + id(port)
                + "\", \"fixed_ip_address\": \"10.64.0.10\"}}"), 200, "floatingip");
        assertEquals("10.64.0.10", moved.get("fixed_ip_address"));
        assertEquals("10.64.0.10", member(api.get(path), 200, "floatingip").get("fixed_ip_address"));
        assertNotNull(moved.get("router_id"));
        assertEquals(id(router), moved.get("router_id"));
    }
}
