package org.nucleon.extensions.quotas;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.internal.controller.ApiConfig;
import org.nucleon.internal.controller.ApiController;
import org.nucleon.internal.controller.ApiRequest;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.controller.QueryString;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;
import org.nucleon.testsupport.JpaFixture;
import org.nucleon.testsupport.MemoryHandler;

/**
 * The quota driver on its real persistence unit (in-memory Derby), networks and ports in
 * memory, the quotas handler, and the API's own controller reserving through the driver.
 */
final class QuotaTestBed implements AutoCloseable {
    static final RequestContext MEMBER = new RequestContext("p1", "u1", List.of("member"), false, "req-member");

    final JpaFixture db = new JpaFixture("nucleon-quotas");
    final QuotaDriver driver = new QuotaDriver();
    final QuotaSetsHandler quotas = new QuotaSetsHandler();
    /** Thrown by every network create when set. */
    volatile RuntimeException networkFailure;
    final MemoryHandler networks = new MemoryHandler("Network") {
        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
            if (networkFailure != null) {
                throw networkFailure;
            }
            return super.create(context, resource);
        }
    };
    final MemoryHandler ports = new MemoryHandler("Port");
    final MemoryHandler securityGroups = new MemoryHandler("SecurityGroup");
    /** Who calls the API; admin of fake_project_id unless a test says otherwise. */
    volatile RequestContext caller = JpaFixture.ADMIN;
    final ApiController api;

    QuotaTestBed(Map<String, Object> config) {
        driver.jpa = db;
        driver.configure(config);
        quotas.driver = driver;
        Map<String, ResourceHandler> handlers = Map.of("networks", networks, "ports", ports,
                "security_groups", securityGroups, "quotas", quotas);
        // as DS binds them: every handler but the quotas one
        handlers.forEach((c, h) -> {
            if (h != quotas) {
                driver.bindHandler(h, Map.of(ResourceHandler.COLLECTION, c));
            }
        });
        List<ExtensionDescriptor> ds = new ArrayList<>(QuotaExtensions.descriptors());
        List.of("network", "port", "security-group", "standard-attr-description")
                .forEach(a -> ds.add(ApiDefinitions.neutron().extension(a)));
        Set<String> supported = new HashSet<>();
        ds.forEach(d -> supported.add(d.alias()));
        ApiSnapshot snapshot = SnapshotBuilder.build(ds, supported, handlers);
        api = new ApiController(() -> snapshot, () -> ApiConfig.DEFAULTS, (req, id) -> caller, PolicyRules::defaults,
                () -> driver);
    }

    QuotaTestBed() {
        this(Map.of());
    }

    /** An item of a project stored directly, as a plugin's own create (a default group) would. */
    static void own(MemoryHandler h, String project) {
        h.create(null, Map.of("tenant_id", project, "project_id", project));
    }

    ApiResponse call(String method, String path, String body) {
        return api.handle(new ApiRequest(method, "http://127.0.0.1:9696", path, QueryString.parse(""), Map.of(),
                body.getBytes(StandardCharsets.UTF_8)), "req-test");
    }

    ApiResponse call(String method, String path) {
        return call(method, path, "");
    }

    @Override
    public void close() {
        db.close();
    }
}
