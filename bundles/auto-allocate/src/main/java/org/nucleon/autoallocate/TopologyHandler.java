package org.nucleon.autoallocate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.plugin.PartialHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /v2.0/auto-allocated-topology/{project_id}}: the project's auto-allocated network,
 * built on the first request as Neutron's AutoAllocatedTopologyMixin does (a network, a subnet
 * from each default subnet pool, a router with a gateway on the default external network and an
 * interface on each subnet), with {@code fields=dry-run} checking the requirements only, and
 * DELETE taking it down. The project's row is claimed before anything is built, so concurrent
 * requests, on this server or another on the same database, build one topology and all answer
 * with it; work left half done by a failure is undone. Neutron's API has no list, create or
 * update of topologies.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=auto_allocated_topology")
public class TopologyHandler extends PartialHandler {
    static final String DRY_RUN = "dry-run";
    private static final String TENANT_ID = "tenant_id";
    private static final String NETWORK_ID = "network_id";
    private static final String SUBNET_ID = "subnet_id";
    /** Longer than any build takes: an unfinished claim this old is a stopped server's, and is taken over. */
    static final long CLAIM_EXPIRY_MILLIS = 300_000;
    /** How often a request that lost the claim looks whether the winner is done. */
    private static final long POLL_MILLIS = 100;

    @Reference(target = "(osgi.unit.name=nucleon-auto-allocate)")
    JpaTemplate jpa;

    @Reference
    Resources resources;

    @Reference
    DefaultExternalNetworks externals;

    static NeutronException failure(String reason) {
        return NeutronException.conflict("AutoAllocationFailure", "Deployment error: " + reason + ".");
    }

    @Override
    public Map<String, Object> get(RequestContext context, String projectId) {
        return show(context, projectId, List.of());
    }

    @Override
    public Map<String, Object> show(RequestContext context, String projectId, List<String> fields) {
        String project = validate(context, projectId);
        if (fields.contains(DRY_RUN)) {
            defaultExternalNetwork();
            if (resources.defaultSubnetPools(context).isEmpty()) {
                throw failure("No default subnetpools defined");
            }
            Map<String, Object> pass = new LinkedHashMap<>();
            pass.put("id", "dry-run=pass");
            pass.put(TENANT_ID, project);
            return pass;
        }
        if (!fields.isEmpty()) {
            throw new NeutronException(400, "BadRequest", "Bad auto_allocate request: Unrecognized field.");
        }
        return response(topology(context, project), project);
    }

    /** Neutron's _validate: "None" is the caller's project; another project's is for admins. */
    private static String validate(RequestContext context, String projectId) {
        String project = "None".equals(projectId) ? context.projectId() : projectId;
        if (project == null) {
            throw new NeutronException(400, "BadRequest", "Bad auto_allocate request: a project is required.");
        }
        if (!context.admin() && !project.equals(context.projectId())) {
            throw new NeutronException(403, "NotAuthorized", "Not authorized.");
        }
        return project;
    }

    private static Map<String, Object> response(String networkId, String project) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", networkId);
        m.put(TENANT_ID, project);
        m.put("project_id", project);
        return m;
    }

    private String defaultExternalNetwork() {
        String external = externals.current();
        if (external == null) {
            throw failure("No default router:external network");
        }
        return external;
    }

    /** The project's network: the existing one, the one another request is building, or a new one. */
    private String topology(RequestContext context, String project) {
        while (true) {
            TopologyEntity row = find(project);
            if (row != null && row.networkId != null) {
                return row.networkId;
            }
            if (row == null || System.currentTimeMillis() - row.claimedAt > CLAIM_EXPIRY_MILLIS) {
                String external = defaultExternalNetwork();
                Long claim = claim(project, row);
                if (claim != null) {
                    String built = build(context, project, external, claim);
                    if (built != null) {
                        return built;
                    }
                }
            } else {
                pause();
            }
        }
    }

    private TopologyEntity find(String project) {
        return jpa.txExpr(TransactionType.Required, em -> em.find(TopologyEntity.class, project));
    }

    /**
     * Claims the project's row, taking over an expired claim; the claim's time, or null when
     * another request has it (the primary key refused this one).
     */
    private Long claim(String project, TopologyEntity expired) {
        long now = System.currentTimeMillis();
        try {
            jpa.tx(TransactionType.Required, em -> {
                if (expired != null) {
                    em.createQuery("DELETE FROM TopologyEntity t WHERE t.projectId = :p AND t.claimedAt = :c"
                            + " AND t.networkId IS NULL").setParameter("p", project)
                            .setParameter("c", expired.claimedAt).executeUpdate();
                }
                TopologyEntity t = new TopologyEntity();
                t.projectId = project;
                t.claimedAt = now;
                em.persist(t);
                em.flush();
            });
            return now;
        } catch (RuntimeException e) {
            if (Transactions.isConflict(e)) {
                return null;
            }
            throw e;
        }
    }

    /** Drops this request's claim, unless another has taken it over. */
    private void release(String project, long claim) {
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM TopologyEntity t WHERE t.projectId = :p"
                + " AND t.claimedAt = :c AND t.networkId IS NULL").setParameter("p", project)
                .setParameter("c", claim).executeUpdate());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NeutronException(503, "HTTPServiceUnavailable", "Interrupted while waiting for the topology.");
        }
    }

    /**
     * Neutron's _build_topology under this request's claim: the network, its subnets, the router;
     * then the row names them and the network comes up. Null when the claim was taken over
     * meanwhile (what was built is undone, and the other's topology is the answer).
     */
    private String build(RequestContext context, String project, String external, long claim) {
        Built b = new Built();
        try {
            provisionNetwork(context, project, b);
            provisionRouter(context, project, external, b);
            int saved = jpa.txExpr(TransactionType.Required, em -> em.createQuery("UPDATE TopologyEntity t"
                    + " SET t.networkId = :n, t.routerId = :r WHERE t.projectId = :p AND t.claimedAt = :c")
                    .setParameter("n", b.network).setParameter("r", b.router).setParameter("p", project)
                    .setParameter("c", claim).executeUpdate());
            if (saved == 0) {
                cleanup(context, b.network, b.router, b.subnets);
                return null;
            }
            resources.networks().update(context, b.network, Map.of("admin_state_up", true));
            return b.network;
        } catch (RuntimeException e) {
            try {
                cleanup(context, b.network, b.router, b.subnets);
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            } finally {
                // the claim goes even when the undo fails, or everyone waits for its expiry
                release(project, claim);
            }
            throw e;
        }
    }

    /** What a build has made so far, for the cleanup of a failed one. */
    private static final class Built {
        String network;
        String router;
        final List<String> subnets = new ArrayList<>();
    }

    /** A network (down until the topology is saved) and a subnet from each default pool. */
    private void provisionNetwork(RequestContext context, String project, Built b) {
        try {
            List<Map<String, Object>> pools = resources.defaultSubnetPools(context);
            if (pools.isEmpty()) {
                throw NeutronException.notFound("SubnetPool", "default");
            }
            Map<String, Object> network = owned(project);
            network.put("name", "auto_allocated_network");
            network.put("admin_state_up", false);
            network.put("shared", false);
            b.network = (String) resources.networks().create(context, network).get("id");
            for (Map<String, Object> pool : pools) {
                int version = Resources.version(pool);
                Map<String, Object> subnet = owned(project);
                subnet.put("name", "auto_allocated_subnet_v" + version);
                subnet.put(NETWORK_ID, b.network);
                subnet.put("ip_version", version);
                subnet.put("subnetpool_id", pool.get("id"));
                subnet.put("enable_dhcp", true);
                b.subnets.add((String) resources.subnets().create(context, subnet).get("id"));
            }
        } catch (NeutronException e) {
            if (e.status() == 400 || e.status() == 404 || "SubnetAllocationError".equals(e.type())) {
                throw failure("Unable to provide tenant private network");
            }
            throw e;
        }
    }

    /** A router with its gateway on the default external network and an interface on each subnet. */
    private void provisionRouter(RequestContext context, String project, String external, Built b) {
        try {
            Map<String, Object> router = owned(project);
            router.put("name", "auto_allocated_router");
            router.put("admin_state_up", true);
            router.put("external_gateway_info", Map.of(NETWORK_ID, external));
            b.router = (String) resources.routers().create(context, router).get("id");
            for (String subnet : b.subnets) {
                resources.routers().action(context, b.router, "add_router_interface", Map.of(SUBNET_ID, subnet));
            }
        } catch (NeutronException e) {
            if (e.status() == 400) {
                throw failure("Unable to provide external connectivity");
            }
            throw e;
        }
    }

    /** The start of a create body for the project's resource, as the REST layer would fill it. */
    private static Map<String, Object> owned(String project) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TENANT_ID, project);
        m.put("project_id", project);
        m.put("description", "");
        return m;
    }

    /** Neutron's _cleanup: what is already gone is no failure, so concurrent deletes both finish. */
    private void cleanup(RequestContext context, String network, String router, List<String> subnets) {
        if (router != null) {
            for (String subnet : subnets) {
                ignoreNotFound(() -> resources.routers().action(context, router, "remove_router_interface",
                        Map.of(SUBNET_ID, subnet)));
            }
            ignoreNotFound(() -> resources.routers().delete(context, router));
        }
        if (network != null) {
            for (String subnet : subnets) {
                ignoreNotFound(() -> resources.subnets().delete(context, subnet));
            }
            ignoreNotFound(() -> resources.networks().delete(context, network));
        }
    }

    private static void ignoreNotFound(Runnable step) {
        try {
            step.run();
        } catch (NeutronException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** Takes the project's topology down, if it has one; 204 either way, as Neutron. */
    @Override
    public void delete(RequestContext context, String projectId) {
        String project = validate(context, projectId);
        TopologyEntity row = find(project);
        if (row == null || row.networkId == null) {
            return;
        }
        List<String> subnets = resources.subnets().list(context, Resources.query(Map.of(NETWORK_ID,
                List.of(row.networkId)))).stream().map(s -> (String) s.get("id")).toList();
        cleanup(context, row.networkId, row.routerId, subnets);
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM TopologyEntity t WHERE t.projectId = :p"
                + " AND t.networkId = :n").setParameter("p", project).setParameter("n", row.networkId)
                .executeUpdate());
    }
}
