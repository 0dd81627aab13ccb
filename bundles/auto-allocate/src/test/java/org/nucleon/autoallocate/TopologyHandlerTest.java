package org.nucleon.autoallocate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.testsupport.JpaFixture;

/** Neutron's auto-allocation, on the handlers of other plugins kept in memory. */
public class TopologyHandlerTest {
    private static final RequestContext ADMIN = JpaFixture.ADMIN;
    private static final String PROJECT = "fake_project_id";
    private final AutoAllocateFixture db = new AutoAllocateFixture();

    @After
    public void tearDown() {
        db.close();
    }

    private static NeutronException expect(int status, String type, String message, Runnable call) {
        try {
            call.run();
        } catch (NeutronException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(type, e.type());
            assertEquals(message, e.getMessage());
            return e;
        }
        fail("expected " + type);
        return null;
    }

    private Map<String, Object> get(String project) {
        return db.topologies.get(ADMIN, project);
    }

    private Map<String, Object> dryRun(String project) {
        return db.topologies.show(ADMIN, project, List.of(TopologyHandler.DRY_RUN));
    }

    @Test
    public void isDefaultOnExternalNetworksOnly() {
        String plain = db.network(false, true);
        String ext = db.network(true, true);
        String ext2 = db.network(true, null);
        expect(409, "DefaultExternalNetworkExists", "A default external network already exists: " + ext + ".",
                () -> db.network(true, true));
        assertEquals(ext, db.externals.current());
        List<Map<String, Object>> views = new ArrayList<>();
        for (String id : List.of(plain, ext, ext2)) {
            views.add(db.networks.get(ADMIN, id));
        }
        db.externals.extend(ADMIN, views);
        assertFalse(views.get(0).containsKey("is_default"));
        assertEquals(true, views.get(1).get("is_default"));
        assertEquals(false, views.get(2).get("is_default"));
        // no longer external, it is no longer the default
        Map<String, Object> now = db.networks.update(ADMIN, ext, Map.of("router:external", false));
        db.externals.handle(new ResourceEvent("network", Event.PRECOMMIT_UPDATE, ADMIN, ext, now, null,
                Map.of("router:external", false)));
        assertNull(db.externals.current());
        db.externals.handle(new ResourceEvent("network", Event.PRECOMMIT_UPDATE, ADMIN, ext2,
                db.networks.get(ADMIN, ext2), null, Map.of("is_default", true)));
        assertEquals(ext2, db.externals.current());
        db.externals.handle(new ResourceEvent("network", Event.PRECOMMIT_DELETE, ADMIN, ext2, null, null, null));
        assertNull(db.externals.current());
    }

    /** As Neutron answers: a create's or update's body's is_default, also on an internal network. */
    @Test
    public void isDefaultInTheAnswerToABodyThatHasIt() {
        Map<String, Object> created = db.networks.create(ADMIN, Map.of("name", "n", "router:external", false));
        String id = (String) created.get("id");
        db.externals.handle(new ResourceEvent("network", Event.PRECOMMIT_CREATE, ADMIN, id, created, null,
                Map.of("name", "n", "is_default", false)));
        assertEquals(false, created.get("is_default"));
        Map<String, Object> renamed = db.networks.update(ADMIN, id, Map.of("name", "m"));
        db.externals.handle(new ResourceEvent("network", Event.PRECOMMIT_UPDATE, ADMIN, id, renamed, null,
                Map.of("name", "m")));
        assertFalse(renamed.containsKey("is_default"));
        Map<String, Object> shown = db.networks.get(ADMIN, id);
        db.externals.extend(ADMIN, List.of(shown));
        assertFalse(shown.containsKey("is_default"));
    }

    @Test
    public void clearErrorsWithoutRequirements() {
        String noExternal = "Deployment error: No default router:external network.";
        expect(409, "AutoAllocationFailure", noExternal, () -> dryRun(PROJECT));
        expect(409, "AutoAllocationFailure", noExternal, () -> get(PROJECT));
        db.network(true, true);
        expect(409, "AutoAllocationFailure", "Deployment error: No default subnetpools defined.",
                () -> dryRun(PROJECT));
        expect(409, "AutoAllocationFailure", "Deployment error: Unable to provide tenant private network.",
                () -> get(PROJECT));
        // nothing is left of the attempt: no network, and the project may try again
        assertEquals(1, db.networks.items().size());
        db.pool(4);
        assertEquals(Map.of("id", "dry-run=pass", "tenant_id", PROJECT), dryRun(PROJECT));
        expect(400, "BadRequest", "Bad auto_allocate request: Unrecognized field.",
                () -> db.topologies.show(ADMIN, PROJECT, List.of("id")));
        RequestContext other = new RequestContext("p2", "u2", List.of("member"), false, "req-2");
        expect(403, "NotAuthorized", "Not authorized.", () -> db.topologies.get(other, PROJECT));
    }

    @Test
    public void buildsOnceAndDeletes() {
        String ext = db.network(true, true);
        db.pool(4);
        db.pool(6);
        Map<String, Object> t = get(PROJECT);
        String net = (String) t.get("id");
        assertEquals(PROJECT, t.get("tenant_id"));
        assertEquals(PROJECT, t.get("project_id"));
        Map<String, Object> network = db.networks.get(ADMIN, net);
        assertEquals("auto_allocated_network", network.get("name"));
        assertEquals(true, network.get("admin_state_up"));
        assertEquals(PROJECT, network.get("tenant_id"));
        assertEquals(List.of("auto_allocated_subnet_v4", "auto_allocated_subnet_v6"), db.subnets.items().values()
                .stream().map(s -> (String) s.get("name")).sorted().toList());
        assertEquals(1, db.routers.items().size());
        Map<String, Object> router = db.routers.items().values().iterator().next();
        assertEquals(Map.of("network_id", ext), router.get("external_gateway_info"));
        assertEquals(new HashSet<>(db.subnets.items().keySet()), new HashSet<>((List<?>) router.get("interfaces")));
        // once: the same answer, nothing more; "None" is the caller's project
        assertEquals(t, get(PROJECT));
        assertEquals(net, get("None").get("id"));
        assertEquals(2, db.networks.items().size());

        db.topologies.delete(ADMIN, PROJECT);
        assertEquals(Set.of(ext), db.networks.items().keySet());
        assertTrue(db.subnets.items().isEmpty());
        assertTrue(db.routers.items().isEmpty());
        db.topologies.delete(ADMIN, PROJECT);
        assertFalse(net.equals(get(PROJECT).get("id")));
    }

    @Test
    public void routerFailureUndoesEverything() {
        db.network(true, true);
        db.pool(4);
        AutoAllocateFixture.Routers failing = new AutoAllocateFixture.Routers() {
            @Override
            public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
                throw NeutronException.badRequest("Network is not an external network");
            }
        };
        // the router plugin replaced by one that fails, as DS would swap them
        Map<String, Object> routerService = Map.of(ResourceHandler.COLLECTION, "routers");
        db.topologies.resources.unbindHandler(db.routers, routerService);
        db.topologies.resources.bindHandler(failing, routerService);
        expect(409, "AutoAllocationFailure", "Deployment error: Unable to provide external connectivity.",
                () -> get(PROJECT));
        assertEquals(1, db.networks.items().size());
        assertTrue(db.subnets.items().isEmpty());
        // the claim is gone too: with the router plugin back, the project gets its topology
        db.topologies.resources.unbindHandler(failing, routerService);
        db.topologies.resources.bindHandler(db.routers, routerService);
        String net = (String) get(PROJECT).get("id");
        assertEquals(2, db.networks.items().size());
        assertTrue(db.networks.items().containsKey(net));
    }

    /** Concurrent first requests of one project build one topology and all answer with it. */
    @Test
    public void concurrentRequestsShareOneTopology() throws Exception {
        db.network(true, true);
        db.pool(4);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> get(PROJECT).get("id"));
            }
            Set<Object> ids = new HashSet<>();
            for (Future<Object> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
            assertEquals(2, db.networks.items().size());
            assertEquals(1, db.subnets.items().size());
            assertEquals(1, db.routers.items().size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A claim a stopped server left behind is taken over once it has expired. */
    @Test
    public void expiredClaimIsTakenOver() {
        db.network(true, true);
        db.pool(4);
        db.tx(em -> {
            TopologyEntity stale = new TopologyEntity();
            stale.projectId = PROJECT;
            stale.claimedAt = System.currentTimeMillis() - TopologyHandler.CLAIM_EXPIRY_MILLIS - 1;
            em.persist(stale);
        });
        String net = (String) get(PROJECT).get("id");
        assertTrue(db.networks.items().containsKey(net));
        assertEquals(2, db.networks.items().size());
    }
}
