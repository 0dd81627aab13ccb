package org.nucleon.autoallocate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nucleon.testsupport.ApiClient.assertError;
import static org.nucleon.testsupport.ApiClient.assertStatus;
import static org.nucleon.testsupport.ApiClient.member;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.internal.controller.ApiResponse;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.SnapshotBuilder;
import org.nucleon.testsupport.ApiClient;
import org.nucleon.testsupport.JpaFixture;
import org.nucleon.testsupport.MemoryHandler;

/** The topology as clients see it: Neutron's path, envelope and dry-run answer. */
public class AutoAllocateApiTest {
    private static final String PATH = "/v2.0/auto-allocated-topology/";
    private final AutoAllocateFixture db = new AutoAllocateFixture();
    private final ApiClient api;

    public AutoAllocateApiTest() {
        List<ExtensionDescriptor> descriptors = new ArrayList<>();
        for (String alias : List.of("network", "subnet", "subnetpool", "router", "external-net", "subnet_allocation")) {
            descriptors.add(ApiDefinitions.neutron().extension(alias));
        }
        descriptors.addAll(AutoAllocatePlugin.descriptors());
        Set<String> aliases = new HashSet<>();
        descriptors.forEach(d -> aliases.add(d.alias()));
        ApiSnapshot snapshot = SnapshotBuilder.build(descriptors, aliases, Map.of("networks", db.networks, "subnets",
                db.subnets, "subnetpools", db.subnetpools, "routers", db.routers, "floatingips",
                new MemoryHandler("FloatingIP"), "auto_allocated_topology", db.topologies));
        assertTrue(snapshot.isActive(AutoAllocatePlugin.ALIAS));
        assertTrue(snapshot.match(List.of("networks")).route().attributes().containsKey("is_default"));
        api = new ApiClient(() -> snapshot, JpaFixture.ADMIN);
    }

    @After
    public void tearDown() {
        db.close();
    }

    @Test
    public void asNeutronAnswers() {
        assertError(api.call("GET", PATH + "fake_project_id?fields=dry-run", ""), 409, "AutoAllocationFailure",
                "Deployment error: No default router:external network.");
        db.network(true, true);
        db.pool(4);
        assertEquals(Map.of("id", "dry-run=pass", "tenant_id", "fake_project_id"),
                member(api.call("GET", PATH + "fake_project_id?fields=dry-run", ""), "auto_allocated_topology"));
        assertError(api.call("GET", PATH + "fake_project_id?fields=id", ""), 400, "BadRequest",
                "Bad auto_allocate request: Unrecognized field.");
        ApiResponse r = api.call("GET", PATH + "fake_project_id", "");
        assertStatus(200, r);
        Map<String, Object> t = member(r, "auto_allocated_topology");
        assertEquals(List.of("id", "tenant_id", "project_id"), List.copyOf(t.keySet()));
        assertEquals(t, member(api.call("GET", PATH + "None", ""), "auto_allocated_topology"));
        assertStatus(404, api.call("GET", "/v2.0/auto-allocated-topology", ""));
        assertStatus(204, api.call("DELETE", PATH + "fake_project_id", ""));
        assertEquals(1, db.networks.items().size());
    }
}
