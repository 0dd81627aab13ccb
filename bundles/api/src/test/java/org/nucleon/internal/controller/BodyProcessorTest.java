package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.nucleon.internal.controller.Fixtures.ADMIN;
import static org.nucleon.internal.controller.Fixtures.MEMBER;
import static org.nucleon.internal.controller.Fixtures.NO_PROJECT;
import static org.nucleon.internal.controller.Fixtures.assertNeutronError;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.Route;

/**
 * Neutron's Controller.prepare_request_body and neutron-lib's AttributeInfo, on Neutron's own
 * network and subnet definitions. Bodies are parsed with the controller's own JSON reader, so
 * numbers arrive as they do in production.
 */
public class BodyProcessorTest {
    private static final ApiSnapshot SNAPSHOT = Fixtures.snapshot(List.of("network", "subnet"),
            "networks", new FakeResourceHandler("Network"), "subnets", new FakeResourceHandler("Subnet"));
    private static final Route NETWORKS = Fixtures.route(SNAPSHOT, "networks");
    private static final Route SUBNETS = Fixtures.route(SNAPSHOT, "subnets");
    private static final String NET_ID = "cbe2d1e0-e8ba-4ae2-91a5-23d2850f2183";

    private static Object json(String s) {
        try {
            return ApiController.JSON.readValue(s, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static BodyProcessor.Prepared create(String body) {
        return create(ADMIN, body);
    }

    private static BodyProcessor.Prepared create(RequestContext ctx, String body) {
        return BodyProcessor.prepareCreate(ctx, NETWORKS, json(body), true);
    }

    private static Map<String, Object> createOne(String body) {
        BodyProcessor.Prepared p = create(body);
        assertFalse(p.bulk());
        assertEquals(1, p.resources().size());
        return p.resources().get(0);
    }

    private static Map<String, Object> update(RequestContext ctx, String body) {
        return BodyProcessor.prepareUpdate(ctx, NETWORKS, json(body));
    }

    private static void badRequest(String message, Runnable r) {
        assertNeutronError(400, "HTTPBadRequest", message, r::run);
    }

    // ---- envelope

    @Test
    public void missingEnvelope() {
        String msg = "Unable to find 'network' in request body";
        badRequest(msg, () -> BodyProcessor.prepareCreate(ADMIN, NETWORKS, BodyProcessor.EMPTY_BODY, true));
        badRequest(msg, () -> create("{}"));
        badRequest(msg, () -> create("{\"network\": null}"));
        badRequest(msg, () -> create("{\"nets\": {}}"));
        badRequest(msg, () -> BodyProcessor.prepareUpdate(ADMIN, NETWORKS, BodyProcessor.EMPTY_BODY));
        badRequest(msg, () -> update(ADMIN, "{}"));
        badRequest(msg, () -> update(ADMIN, "{\"network\": null}"));
    }

    @Test
    public void bodyThatIsNotAnObject() {
        String msg = "Body contains invalid data";
        for (String body : List.of("[]", "\"x\"", "5", "null", "true")) {
            badRequest(msg, () -> create(body));
            badRequest(msg, () -> update(ADMIN, body));
        }
    }

    @Test
    public void unparsableBodyIsInvalidData() {
        ApiRequest req = new ApiRequest("POST", "http://h", "/v2.0/networks", QueryString.parse(""), Map.of(),
                "{\"network\": {\"name\": \"broken\"".getBytes());
        badRequest("Body contains invalid data", () -> ApiController.parseBody(req));
        ApiRequest trailing = new ApiRequest("POST", "http://h", "/v2.0/networks", QueryString.parse(""), Map.of(),
                "{\"network\": {}} x".getBytes());
        badRequest("Body contains invalid data", () -> ApiController.parseBody(trailing));
        ApiRequest blank = new ApiRequest("POST", "http://h", "/v2.0/networks", QueryString.parse(""), Map.of(),
                " \n\t".getBytes());
        assertTrue(ApiController.parseBody(blank) == BodyProcessor.EMPTY_BODY);
    }

    @Test
    public void envelopeThatIsNotAnObject() {
        String msg = "Object 'network' contains invalid data";
        badRequest(msg, () -> create("{\"network\": \"x\"}"));
        badRequest(msg, () -> create("{\"network\": []}"));
        badRequest(msg, () -> create("{\"network\": 5}"));
        badRequest(msg, () -> update(ADMIN, "{\"network\": \"x\"}"));
    }

    @Test
    public void extraTopLevelKeysAreIgnored() {
        assertEquals("x", createOne("{\"network\": {\"name\": \"x\"}, \"extra\": 1}").get("name"));
    }

    // ---- bulk

    @Test
    public void bulkCreatesEveryItemWithDefaults() {
        BodyProcessor.Prepared p = create("{\"networks\": [{\"name\": \"bulk-a\"}, {\"name\": \"bulk-b\"},"
                + " {\"name\": \"bulk-c\", \"admin_state_up\": false}]}");
        assertTrue(p.bulk());
        assertEquals(3, p.resources().size());
        assertEquals("bulk-a", p.resources().get(0).get("name"));
        assertEquals(Boolean.TRUE, p.resources().get(0).get("admin_state_up"));
        assertEquals(Boolean.FALSE, p.resources().get(2).get("admin_state_up"));
        assertEquals("p1", p.resources().get(1).get("tenant_id"));
    }

    @Test
    public void bulkItemsMayCarryTheirOwnEnvelope() {
        BodyProcessor.Prepared p = create("{\"networks\": [{\"network\": {\"name\": \"a\"}}, {\"name\": \"b\"}]}");
        assertEquals(List.of("a", "b"), p.resources().stream().map(r -> r.get("name")).toList());
    }

    @Test
    public void bulkWinsOverSingleEnvelope() {
        BodyProcessor.Prepared p = create("{\"network\": {\"name\": \"single\"}, \"networks\": [{\"name\": \"b\"}]}");
        assertTrue(p.bulk());
        assertEquals(1, p.resources().size());
        assertEquals("b", p.resources().get(0).get("name"));
    }

    @Test
    public void emptyBulkNeedsResources() {
        badRequest("Resources required", () -> create("{\"networks\": []}"));
        badRequest("Resources required", () -> create("{\"networks\": {}}"));
        badRequest("Resources required", () -> create("{\"networks\": null}"));
    }

    @Test
    public void bulkItemsMustBeObjects() {
        badRequest("Body contains invalid data", () -> create("{\"networks\": [1]}"));
        badRequest("Body contains invalid data", () -> create("{\"networks\": [null]}"));
        badRequest("Body contains invalid data", () -> create("{\"networks\": 5}"));
        badRequest("Object 'network' contains invalid data", () -> create("{\"networks\": [{}, \"x\"]}"));
    }

    @Test
    public void oneInvalidBulkItemFailsTheWholeBody() {
        // sample 132-network-bulk-create-one-invalid
        assertNeutronError(400, "InvalidInput",
                "Invalid input for operation: 'maybe' cannot be converted to boolean.",
                () -> create("{\"networks\": [{\"name\": \"bulk-ok\"}, {\"name\": \"bulk-bad\", "
                        + "\"admin_state_up\": \"maybe\"}]}"));
    }

    @Test
    public void bulkCanBeDisabled() {
        badRequest("Bulk operation not supported",
                () -> BodyProcessor.prepareCreate(ADMIN, NETWORKS, json("{\"networks\": [{}]}"), false));
        // a single body still works
        assertFalse(BodyProcessor.prepareCreate(ADMIN, NETWORKS, json("{\"network\": {}}"), false).bulk());
    }

    @Test
    public void updateIsNeverBulk() {
        badRequest("Bulk operation not supported", () -> update(ADMIN, "{\"networks\": [{\"name\": \"x\"}]}"));
    }

    // ---- project / tenant

    @Test
    public void projectComesFromTheContextOnCreate() {
        Map<String, Object> r = createOne("{\"network\": {}}");
        assertEquals("p1", r.get("tenant_id"));
        assertEquals("p1", r.get("project_id"));
    }

    @Test
    public void tenantIdIsMirroredToProjectId() {
        Map<String, Object> r = createOne("{\"network\": {\"tenant_id\": \"demo\"}}");
        assertEquals("demo", r.get("tenant_id"));
        assertEquals("demo", r.get("project_id"));
    }

    @Test
    public void projectIdIsMirroredToTenantId() {
        // sample 011-network-create-with-project_id
        Map<String, Object> r = createOne("{\"network\": {\"name\": \"net-demo\", \"project_id\": \"demo-project\"}}");
        assertEquals("demo-project", r.get("tenant_id"));
        assertEquals("demo-project", r.get("project_id"));
    }

    @Test
    public void equalTenantAndProjectAreAccepted() {
        assertEquals("a", createOne("{\"network\": {\"tenant_id\": \"a\", \"project_id\": \"a\"}}").get("tenant_id"));
    }

    @Test
    public void tenantAndProjectMismatch() {
        badRequest("'project_id' and 'tenant_id' do not match",
                () -> create("{\"network\": {\"tenant_id\": \"a\", \"project_id\": \"b\"}}"));
        badRequest("'project_id' and 'tenant_id' do not match",
                () -> update(ADMIN, "{\"network\": {\"tenant_id\": \"a\", \"project_id\": \"b\"}}"));
    }

    @Test
    public void withoutAProjectTheBodyMustNameOne() {
        // sample 012-network-create-X-Project-Id-header-no-tenant
        badRequest("Running without keystone AuthN requires that tenant_id is specified",
                () -> create(NO_PROJECT, "{\"network\": {\"name\": \"net-hdr\"}}"));
        // sample 013: with tenant_id it works
        Map<String, Object> r = create(NO_PROJECT, "{\"network\": {\"name\": \"net-hdr\", \"tenant_id\": \"hdr\"}}")
                .resources().get(0);
        assertEquals("hdr", r.get("project_id"));
    }

    @Test
    public void withoutAProjectAnUpdateNeedsNone() {
        assertEquals(Map.of("name", "x"), update(NO_PROJECT, "{\"network\": {\"name\": \"x\"}}"));
    }

    @Test
    public void nonAdminCannotNameAnotherProject() {
        // neutron-lib's _validate_privileges
        String msg = "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request "
                + "requires admin or advsvc privileges";
        badRequest(msg, () -> create(MEMBER, "{\"network\": {\"tenant_id\": \"other\"}}"));
        badRequest(msg, () -> create(MEMBER, "{\"network\": {\"project_id\": \"other\"}}"));
        badRequest(msg, () -> update(MEMBER, "{\"network\": {\"tenant_id\": \"other\"}}"));
        // its own project is fine, an admin may name any
        assertEquals("p1", create(MEMBER, "{\"network\": {\"tenant_id\": \"p1\"}}").resources().get(0).get("tenant_id"));
        assertEquals("other", createOne("{\"network\": {\"tenant_id\": \"other\"}}").get("tenant_id"));
    }

    // ---- attributes

    @Test
    public void unknownAttributes() {
        // sample 903-err-400-network-unknown-attribute
        badRequest("Unrecognized attribute(s) 'colour'", () -> create("{\"network\": {\"name\": \"x\", \"colour\": \"blue\"}}"));
        // attributes of inactive extensions are unknown too
        badRequest("Unrecognized attribute(s) 'description'", () -> create("{\"network\": {\"description\": \"d\"}}"));
        badRequest("Unrecognized attribute(s) 'bogus'", () -> update(ADMIN, "{\"network\": {\"bogus\": 1}}"));
    }

    @Test
    public void severalUnknownAttributesAreAllNamed() {
        // Neutron joins a Python set (arbitrary order, e.g. 'other, bogus'); the order here is sorted
        badRequest("Unrecognized attribute(s) 'bogus, other'",
                () -> create("{\"network\": {\"other\": 2, \"bogus\": 1}}"));
    }

    @Test
    public void unknownAttributesAreCheckedBeforeNotAllowedOnes() {
        badRequest("Unrecognized attribute(s) 'bogus'", () -> create("{\"network\": {\"id\": \"x\", \"bogus\": 1}}"));
    }

    @Test
    public void readOnlyAttributesAreNotAllowedInPost() {
        badRequest("Attribute 'id' not allowed in POST", () -> create("{\"network\": {\"id\": \"" + NET_ID + "\"}}"));
        badRequest("Attribute 'id' not allowed in POST", () -> create("{\"network\": {\"id\": \"x\"}}"));
        badRequest("Attribute 'status' not allowed in POST", () -> create("{\"network\": {\"status\": \"DOWN\"}}"));
        badRequest("Attribute 'subnets' not allowed in POST", () -> create("{\"network\": {\"subnets\": []}}"));
    }

    @Test
    public void requiredAttributeMissing() {
        // subnet: ip_version and network_id have no default
        badRequest("Failed to parse request. Required attribute 'network_id' not specified",
                () -> BodyProcessor.prepareCreate(ADMIN, SUBNETS,
                        json("{\"subnet\": {\"ip_version\": 4, \"cidr\": \"10.0.0.0/24\"}}"), true));
        badRequest("Failed to parse request. Required attribute 'ip_version' not specified",
                () -> BodyProcessor.prepareCreate(ADMIN, SUBNETS,
                        json("{\"subnet\": {\"network_id\": \"" + NET_ID + "\", \"cidr\": \"10.0.0.0/24\"}}"), true));
    }

    @Test
    public void requiredAttributesPresentCreateASubnet() {
        Map<String, Object> r = BodyProcessor.prepareCreate(ADMIN, SUBNETS, json("{\"subnet\": {\"network_id\": \""
                + NET_ID + "\", \"ip_version\": \"4\", \"cidr\": \"10.0.0.0/24\"}}"), true).resources().get(0);
        assertEquals(4, r.get("ip_version"));
        assertEquals(NET_ID, r.get("network_id"));
        assertEquals(Boolean.TRUE, r.get("enable_dhcp"));
        assertEquals("", r.get("name"));
        // ATTR_NOT_SPECIFIED defaults stay absent; not-POSTable attributes get no default
        assertFalse(r.containsKey("gateway_ip"));
        assertFalse(r.containsKey("allocation_pools"));
        assertFalse(r.containsKey("subnetpool_id"));
        assertFalse(r.containsKey("shared"));
    }

    @Test
    public void readOnlyOnPut() {
        badRequest("Cannot update read-only attribute id", () -> update(ADMIN, "{\"network\": {\"id\": \"x\"}}"));
        badRequest("Cannot update read-only attribute status", () -> update(ADMIN, "{\"network\": {\"status\": \"DOWN\"}}"));
        badRequest("Cannot update read-only attribute tenant_id", () -> update(ADMIN, "{\"network\": {\"tenant_id\": \"x\"}}"));
        // project_id is mirrored first, so the message names tenant_id (as the probe shows)
        badRequest("Cannot update read-only attribute tenant_id", () -> update(ADMIN, "{\"network\": {\"project_id\": \"x\"}}"));
    }

    @Test
    public void updateFillsNoDefaults() {
        assertEquals(Map.of(), update(ADMIN, "{\"network\": {}}"));
        assertEquals(Map.of("name", "renamed"), update(ADMIN, "{\"network\": {\"name\": \"renamed\"}}"));
        assertEquals(Map.of("admin_state_up", Boolean.FALSE), update(ADMIN, "{\"network\": {\"admin_state_up\": \"false\"}}"));
    }

    @Test
    public void defaultsAreFilledOnCreate() {
        Map<String, Object> r = createOne("{\"network\": {}}");
        assertEquals(Boolean.TRUE, r.get("admin_state_up"));
        assertEquals(Boolean.FALSE, r.get("shared"));
        assertEquals("", r.get("name"));
        assertFalse(r.containsKey("id"));
        assertFalse(r.containsKey("status"));
        assertFalse(r.containsKey("subnets"));
    }

    @Test
    public void givenValuesAreConverted() {
        Map<String, Object> r = createOne("{\"network\": {\"admin_state_up\": 0, \"shared\": \"True\"}}");
        assertEquals(Boolean.FALSE, r.get("admin_state_up"));
        assertEquals(Boolean.TRUE, r.get("shared"));
        assertEquals(Boolean.TRUE, createOne("{\"network\": {\"shared\": \"yes\"}}").get("shared"));
    }

    @Test
    public void listAndMapDefaultsAreCopies() {
        FakeResourceHandler h = new FakeResourceHandler("Network");
        Route withAz = Fixtures.route(Fixtures.snapshot(List.of("network", "availability_zone",
                "network_availability_zone", "agent"), "networks", h, "agents", h, "availability_zones", h), "networks");
        Map<String, Object> a = BodyProcessor.prepareCreate(ADMIN, withAz, json("{\"network\": {}}"), true).resources().get(0);
        Map<String, Object> b = BodyProcessor.prepareCreate(ADMIN, withAz, json("{\"network\": {}}"), true).resources().get(0);
        assertEquals(List.of(), a.get("availability_zone_hints"));
        assertNotSame(a.get("availability_zone_hints"), b.get("availability_zone_hints"));
        @SuppressWarnings("unchecked")
        List<Object> hints = (List<Object>) a.get("availability_zone_hints");
        hints.add("mutated");
        assertEquals(List.of(), withAz.attributes().get("availability_zone_hints").defaultValue());
        assertEquals(List.of(), BodyProcessor.prepareCreate(ADMIN, withAz, json("{\"network\": {}}"), true)
                .resources().get(0).get("availability_zone_hints"));
    }

    @Test
    public void validatorFailuresAreHttpBadRequest() {
        badRequest("Invalid input for name. Reason: '5' is not a valid string.", () -> create("{\"network\": {\"name\": 5}}"));
        badRequest("Invalid input for name. Reason: 'None' is not a valid string.", () -> create("{\"network\": {\"name\": null}}"));
        badRequest("Invalid input for name. Reason: '['a']' is not a valid string.", () -> create("{\"network\": {\"name\": [\"a\"]}}"));
        badRequest("Invalid input for name. Reason: '" + "x".repeat(256) + "' exceeds maximum length of 255.",
                () -> create("{\"network\": {\"name\": \"" + "x".repeat(256) + "\"}}"));
        badRequest("Invalid input for tenant_id. Reason: '5' is not a valid string.", () -> create("{\"network\": {\"tenant_id\": 5}}"));
        badRequest("Invalid input for name. Reason: '5' is not a valid string.", () -> update(ADMIN, "{\"network\": {\"name\": 5}}"));
        assertEquals("x".repeat(255), createOne("{\"network\": {\"name\": \"" + "x".repeat(255) + "\"}}").get("name"));
    }

    @Test
    public void converterFailuresAreInvalidInput() {
        for (String v : List.of("\"maybe\"", "2", "null")) {
            String shown = v.equals("null") ? "None" : v.replace("\"", "");
            assertNeutronError(400, "InvalidInput",
                    "Invalid input for operation: '" + shown + "' cannot be converted to boolean.",
                    () -> create("{\"network\": {\"admin_state_up\": " + v + "}}"));
        }
        assertNeutronError(400, "InvalidInput",
                "Invalid input for operation: 'maybe' cannot be converted to boolean.",
                () -> update(ADMIN, "{\"network\": {\"admin_state_up\": \"maybe\"}}"));
    }

    @Test
    public void checksRunInNeutronsOrder() {
        // project mismatch before unknown attributes before not-allowed before conversion
        badRequest("'project_id' and 'tenant_id' do not match",
                () -> create("{\"network\": {\"tenant_id\": \"a\", \"project_id\": \"b\", \"bogus\": 1}}"));
        badRequest("Attribute 'id' not allowed in POST",
                () -> create("{\"network\": {\"id\": \"x\", \"admin_state_up\": \"maybe\"}}"));
        badRequest("Cannot update read-only attribute id",
                () -> update(ADMIN, "{\"network\": {\"id\": \"x\", \"admin_state_up\": \"maybe\"}}"));
    }
}
