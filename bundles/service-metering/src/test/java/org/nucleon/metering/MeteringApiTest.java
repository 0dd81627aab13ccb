package org.nucleon.metering;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.nucleon.testsupport.ApiClient.items;
import static org.nucleon.testsupport.ApiClient.member;

import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.internal.controller.ApiConfig;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;
import org.nucleon.testsupport.ApiClient;

/**
 * The handlers behind the API's own controller, as the reference's samples 100-103 and its
 * answers to bad input show them; the attribute map is the one the plugin's descriptors make.
 */
public class MeteringApiTest {
    private static final String LABELS = "/v2.0/metering/metering-labels";
    private static final String RULES = "/v2.0/metering/metering-label-rules";

    private final MeteringDb db = new MeteringDb();
    private ApiController api;

    @Before
    public void setUp() {
        ApiSnapshot snapshot = SnapshotBuilder.build(MeteringPlugin.descriptors(), MeteringPlugin.ALIASES,
                Map.of("metering_labels", db.labels, "metering_label_rules", db.rules));
        api = new ApiController(() -> snapshot, () -> ApiConfig.DEFAULTS, (req, id) -> MeteringDb.ADMIN,
                PolicyRules::defaults);
    }

    @After
    public void tearDown() {
        db.close();
    }

    private ApiResponse call(String method, String path, String body) {
        return new ApiClient(api).call(method, path, body);
    }

    private static void assertError(ApiResponse r, int status, String type, String message) {
        assertEquals(String.valueOf(r.body()), status, r.status());
        Map<String, Object> e = member(r, "NeutronError");
        assertEquals(type, e.get("type"));
        assertEquals(message, e.get("message"));
    }

    private String label() {
        return (String) member(call("POST", LABELS, "{\"metering_label\": {\"name\": \"label1\", \"description\": "
                + "\"traffic\"}}"), "metering_label").get("id");
    }

    private ApiResponse rule(String label, String attributes) {
        return call("POST", RULES, "{\"metering_label_rule\": {\"metering_label_id\": \"" + label + "\", "
                + attributes + "}}");
    }

    @Test
    public void samples100To103() {
        ApiResponse created = call("POST", LABELS, "{\"metering_label\": {\"name\": \"label1\", \"description\": "
                + "\"traffic\"}}");
        assertEquals(201, created.status());
        Map<String, Object> label = member(created, "metering_label");
        String id = (String) label.get("id");
        assertEquals(Map.of("id", id, "name", "label1", "description", "traffic", "shared", false,
                "project_id", "fake_project_id", "tenant_id", "fake_project_id"), label);

        ApiResponse r = rule(id, "\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.0.0.0/24\"");
        assertEquals(201, r.status());
        Map<String, Object> rule = member(r, "metering_label_rule");
        assertEquals(List.of("id", "metering_label_id", "direction", "remote_ip_prefix", "source_ip_prefix",
                "destination_ip_prefix", "excluded"), List.copyOf(rule.keySet()));
        assertEquals("10.0.0.0/24", rule.get("remote_ip_prefix"));
        assertNull(rule.get("source_ip_prefix"));
        assertEquals(false, rule.get("excluded"));

        assertEquals(List.of(label), items(call("GET", LABELS, ""), "metering_labels"));
        assertEquals(List.of(rule), items(call("GET", RULES, ""), "metering_label_rules"));
    }

    @Test
    public void remoteIpPrefixIsOptionalAndTakesABareAddress() {
        String id = label();
        assertEquals("10.2.0.5/32", member(rule(id, "\"direction\": \"egress\", \"remote_ip_prefix\": \"10.2.0.5\""),
                "metering_label_rule").get("remote_ip_prefix"));
        Map<String, Object> source = member(rule(id, "\"direction\": \"egress\", \"source_ip_prefix\": "
                + "\"10.5.0.0/24\", \"destination_ip_prefix\": \"10.6.0.7/24\""), "metering_label_rule");
        assertNull(source.get("remote_ip_prefix"));
        assertEquals("10.6.0.7/24", source.get("destination_ip_prefix"));
        assertEquals(2, items(call("GET", RULES + "?direction=egress", ""), "metering_label_rules").size());
    }

    @Test
    public void badInputIsRefusedAsTheReferenceDoes() {
        String id = label();
        assertError(rule(id, "\"remote_ip_prefix\": \"10.1.0.0/24\""), 400, "HTTPBadRequest",
                "Failed to parse request. Required attribute 'direction' not specified");
        assertError(rule(id, "\"direction\": \"up\", \"remote_ip_prefix\": \"10.1.0.0/24\""), 400,
                "HTTPBadRequest", "Invalid input for direction. Reason: up is not in valid_values.");
        assertError(rule("x", "\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.1.0.0/24\""), 400,
                "HTTPBadRequest", "Invalid input for metering_label_id. Reason: 'x' is not a valid UUID.");
        assertError(rule(id, "\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.1.0.0/24\", \"excluded\": "
                + "\"maybe\""), 400, "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to "
                + "boolean.");
        assertError(rule(id, "\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.1.0.0/24\", \"foo\": 1"), 400,
                "HTTPBadRequest", "Unrecognized attribute(s) 'foo'");
        assertError(call("POST", LABELS, "{\"metering_label\": {\"name\": \"l\", \"shared\": \"x\"}}"), 400,
                "InvalidInput", "Invalid input for operation: 'x' cannot be converted to boolean.");
        assertEquals(List.of(), items(call("GET", RULES, ""), "metering_label_rules"));
    }

    @Test
    public void updatesAreRefused() {
        String id = label();
        String rule = (String) member(rule(id, "\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.1.0.0/24\""),
                "metering_label_rule").get("id");
        assertError(call("PUT", LABELS + "/" + id, "{\"metering_label\": {\"name\": \"x\"}}"), 400,
                "HTTPBadRequest", "Cannot update read-only attribute name");
        assertError(call("PUT", RULES + "/" + rule, "{\"metering_label_rule\": {\"direction\": \"egress\"}}"), 400,
                "HTTPBadRequest", "Cannot update read-only attribute direction");
        assertEquals(501, call("PUT", RULES + "/" + rule, "{\"metering_label_rule\": {\"source_ip_prefix\": "
                + "\"10.40.0.0/24\"}}").status());
        assertEquals(501, call("PUT", LABELS + "/" + id, "{\"metering_label\": {}}").status());
    }

    @Test
    public void deletingALabelEmptiesItsRules() {
        String id = label();
        rule(id, "\"direction\": \"ingress\", \"remote_ip_prefix\": \"10.1.0.0/24\"");
        assertEquals(204, call("DELETE", LABELS + "/" + id, "").status());
        assertEquals(List.of(), items(call("GET", RULES + "?metering_label_id=" + id, ""), "metering_label_rules"));
        assertError(call("DELETE", LABELS + "/" + id, ""), 404, "MeteringLabelNotFound",
                "Metering label '" + id + "' does not exist.");
    }
}
