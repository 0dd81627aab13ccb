package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ResourceDefinition;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.quota.QuotaEngine;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;

/** The controller's part in quotas: reservations around creates, and collection actions. */
public class ApiControllerQuotaTest {
    private final FakeResourceHandler networks = new FakeResourceHandler("Network");
    private final RecordingEngine engine = new RecordingEngine();
    private QuotaEngine registered = engine;
    private final ApiController controller = new ApiController(
            () -> Fixtures.snapshot(List.of("network"), "networks", networks), () -> ApiConfig.DEFAULTS,
            (req, id) -> Fixtures.ADMIN, PolicyRules::defaults, () -> registered);

    /** Records what it is asked; refuses when told to. */
    static final class RecordingEngine implements QuotaEngine {
        final List<String> calls = new ArrayList<>();
        NeutronException refusal;

        @Override
        public Reservation makeReservation(RequestContext context, String resource, Map<String, Integer> deltas) {
            calls.add("reserve " + resource + " " + deltas);
            if (refusal != null) {
                throw refusal;
            }
            return new Reservation() {
                @Override
                public void commit() {
                    calls.add("commit");
                }

                @Override
                public void cancel() {
                    calls.add("cancel");
                }
            };
        }
    }

    private ApiResponse call(ApiController c, String method, String path, String body) {
        return c.handle(new ApiRequest(method, "http://x", path, QueryString.parse(""), Map.of(),
                body.getBytes(StandardCharsets.UTF_8)), "req-q");
    }

    private ApiResponse post(String body) {
        return call(controller, "POST", "/v2.0/networks", body);
    }

    @Test
    public void aCreateReservesForItsProjectThenCommits() {
        assertEquals(201, post("{\"network\": {\"name\": \"n\"}}").status());
        assertEquals(List.of("reserve network {p1=1}", "commit"), engine.calls);
    }

    @Test
    public void aBulkCreateReservesPerProjectAtOnce() {
        ApiResponse r = post("{\"networks\": [{\"name\": \"a\"}, {\"name\": \"b\", \"tenant_id\": \"p2\"},"
                + " {\"name\": \"c\"}]}");
        assertEquals(201, r.status());
        assertEquals(List.of("reserve network {p1=2, p2=1}", "commit"), engine.calls);
    }

    @Test
    public void overQuotaIsTheEnginesErrorAndNothingIsCreated() {
        engine.refusal = new NeutronException(409, "OverQuota", "Quota exceeded for resources: ['network'].");
        ApiResponse r = post("{\"networks\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
        assertEquals(409, r.status());
        assertEquals("Quota exceeded for resources: ['network'].",
                ((Map<?, ?>) ((Map<?, ?>) r.body()).get("NeutronError")).get("message"));
        assertTrue(networks.store.isEmpty());
    }

    @Test
    public void aFailedCreateCancelsItsReservation() {
        networks.failure = NeutronException.badRequest("no");
        assertEquals(400, post("{\"network\": {\"name\": \"n\"}}").status());
        assertEquals(List.of("reserve network {p1=1}", "cancel"), engine.calls);
    }

    @Test
    public void badInputIsRefusedBeforeAnyReservation() {
        assertEquals(400, post("{\"network\": {\"bogus\": 1}}").status());
        assertTrue(engine.calls.isEmpty());
    }

    @Test
    public void withoutAnEngineCreatesAreNotLimited() {
        registered = null;
        assertEquals(201, post("{\"network\": {\"name\": \"n\"}}").status());
        assertEquals(1, networks.store.size());
    }

    @Test
    public void aReservationThatCannotBeEndedDoesNotFailTheCreate() {
        registered = (ctx, resource, deltas) -> new QuotaEngine.Reservation() {
            @Override
            public void commit() {
                throw new IllegalStateException("persistence unit closed");
            }

            @Override
            public void cancel() {
            }
        };
        assertEquals(201, post("{\"network\": {\"name\": \"n\"}}").status());
    }

    @Test
    public void aHandlerCountsByListingUnlessItKnowsBetter() {
        networks.put("a", "tenant_id", "p1");
        networks.put("b", "tenant_id", "p1");
        networks.put("c", "tenant_id", "p2");
        assertEquals(2, networks.count(Fixtures.ADMIN, Map.of("tenant_id", List.of("p1"))));
        assertEquals(0, networks.lastQuery.limit());
    }

    @Test
    public void collectionActionsAreRoutedWithoutAnIdAndShadowAMemberOfTheirName() {
        FakeResourceHandler things = new FakeResourceHandler("Thing");
        things.actionResult = Map.of("thing", Map.of("thing_id", "p1"));
        AttributeDefinition id = AttributeDefinition.builder("id").visible(true).primaryKey(true).build();
        ExtensionDescriptor d = new ExtensionDescriptor("things", "Things", "", "", false, "", List.of(), List.of(),
                Map.of("things", new ResourceDefinition("things", "thing", null, null, Map.of("id", id),
                        Map.of("default", "GET"), true, Map.of("project", "GET"))));
        ApiSnapshot s = SnapshotBuilder.build(List.of(d), Set.of("things"), Map.<String, ResourceHandler>of(
                "things", things));
        ApiController c = new ApiController(() -> s, () -> ApiConfig.DEFAULTS, (req, rid) -> Fixtures.ADMIN);

        ApiResponse r = call(c, "GET", "/v2.0/things/project", "");
        assertEquals(200, r.status());
        assertEquals(Map.of("thing", Map.of("thing_id", "p1")), r.body());
        assertEquals("null/project", things.lastAction);
        assertEquals(405, call(c, "PUT", "/v2.0/things/project", "").status());
        assertEquals(200, call(c, "GET", "/v2.0/things/x1/default", "").status());
        assertEquals("x1/default", things.lastAction);
    }
}
