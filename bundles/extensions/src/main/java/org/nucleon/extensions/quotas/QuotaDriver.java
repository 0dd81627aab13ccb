package org.nucleon.extensions.quotas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.quota.QuotaEngine;
import org.nucleon.api.validation.Validators;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Neutron's DbQuotaDriver: limits per project over configured defaults, usage counted by the
 * handlers of the counted collections, and reservations. A reservation locks its project's
 * usage row of the resource, counts what is used and what other creates have reserved, and
 * holds room for its items until the create commits or cancels it; so concurrent creates, on
 * this server or on others sharing the database, never pass a limit between them. Unlimited
 * resources cost one indexed lookup and no lock.
 */
@Component(service = {QuotaDriver.class, QuotaEngine.class}, configurationPid = "org.nucleon.quotas")
public class QuotaDriver implements QuotaEngine {
    /** Neutron's quota resources, in the order it shows them, with the collection each counts. */
    static final Map<String, String> RESOURCES = resources("network", "networks", "subnet", "subnets",
            "subnetpool", "subnetpools", "port", "ports", "router", "routers", "floatingip", "floatingips",
            "rbac_policy", "rbac_policies", "security_group", "security_groups", "security_group_rule",
            "security_group_rules", "trunk", "trunks");
    /** Neutron's reservation lifetime: room held for a create that never ended is free again after it. */
    static final long RESERVATION_MILLIS = 120_000;
    private static final String TENANT_ID = "tenant_id";

    @Reference(target = "(osgi.unit.name=nucleon-quotas)")
    JpaTemplate jpa;

    /** Collection to the handler that serves, and so counts, it. */
    private final Map<String, ResourceHandler> counters = new ConcurrentHashMap<>();
    private volatile QuotaDefaults defaults = QuotaDefaults.NEUTRON;
    LongSupplier clock = System::currentTimeMillis;

    private static Map<String, String> resources(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        defaults = QuotaDefaults.from(properties);
    }

    /** Every collection's handler but the quotas one, which needs this driver: no cycle. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(&(" + ResourceHandler.COLLECTION + "=*)(!("
                    + ResourceHandler.COLLECTION + "=quotas)))")
    void bindHandler(ResourceHandler h, Map<String, Object> properties) {
        counters.put(String.valueOf(properties.get(ResourceHandler.COLLECTION)), h);
    }

    void unbindHandler(ResourceHandler h, Map<String, Object> properties) {
        counters.remove(String.valueOf(properties.get(ResourceHandler.COLLECTION)), h);
    }

    /** The resources with a quota now, as Neutron registers them with their plugins: those whose collection is served. */
    List<String> resources() {
        return RESOURCES.entrySet().stream().filter(e -> counters.containsKey(e.getValue())).map(Map.Entry::getKey)
                .toList();
    }

    Map<String, Object> defaultQuotas() {
        Map<String, Object> out = new LinkedHashMap<>();
        resources().forEach(r -> out.put(r, defaults.limit(r)));
        return out;
    }

    /** A project's limits: its own where it has them, else the defaults. */
    Map<String, Object> projectQuotas(String projectId) {
        Map<String, Object> out = defaultQuotas();
        jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT q FROM QuotaEntity q WHERE q.projectId = :p", QuotaEntity.class)
                .setParameter("p", projectId).getResultList())
                .forEach(q -> out.computeIfPresent(q.resource, (k, v) -> q.quotaLimit));
        return out;
    }

    /** Every project with limits of its own, as Neutron's get_all_quotas. */
    List<Map<String, Object>> allQuotas() {
        Map<String, Map<String, Object>> byProject = new TreeMap<>();
        jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT q FROM QuotaEntity q", QuotaEntity.class)
                .getResultList()).forEach(q -> {
                    Map<String, Object> quota = byProject.computeIfAbsent(q.projectId, p -> {
                        Map<String, Object> m = defaultQuotas();
                        m.put(TENANT_ID, p);
                        m.put("project_id", p);
                        return m;
                    });
                    quota.computeIfPresent(q.resource, (k, v) -> q.quotaLimit);
                });
        return new ArrayList<>(byProject.values());
    }

    /** Limit, used and reserved per resource (quota_details). */
    Map<String, Object> detailedQuotas(RequestContext context, String projectId) {
        Map<String, Object> limits = projectQuotas(projectId);
        Map<String, Long> reserved = jpa.txExpr(TransactionType.Supports, em -> reserved(em, projectId));
        Map<String, Object> out = new LinkedHashMap<>();
        limits.forEach((r, limit) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("limit", limit);
            d.put("used", used(context, projectId, r));
            d.put("reserved", reserved.getOrDefault(r, 0L));
            out.put(r, d);
        });
        return out;
    }

    /** What a new limit may not go below: the items the project holds and those it has reserved. */
    long usage(RequestContext context, String projectId, String resource) {
        return used(context, projectId, resource)
                + jpa.txExpr(TransactionType.Supports, em -> reserved(em, projectId)).getOrDefault(resource, 0L);
    }

    void updateLimits(String projectId, Map<String, Integer> limits) {
        Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            limits.forEach((resource, limit) -> {
                QuotaEntity q = em.find(QuotaEntity.class, new ProjectResource(projectId, resource));
                if (q == null) {
                    q = new QuotaEntity();
                    q.projectId = projectId;
                    q.resource = resource;
                    em.persist(q);
                }
                q.quotaLimit = limit;
            });
            return null;
        }));
    }

    /** Back to the defaults; TenantQuotaNotFound when the project had no limits of its own. */
    void deleteProjectQuotas(String projectId) {
        int deleted = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM QuotaEntity q WHERE q.projectId = :p").setParameter("p", projectId).executeUpdate()));
        if (deleted < 1) {
            throw new NeutronException(404, "TenantQuotaNotFound", "Quota for tenant " + projectId
                    + " could not be found.");
        }
    }

    @Override
    public Reservation makeReservation(RequestContext context, String resource, Map<String, Integer> deltas) {
        String collection = RESOURCES.get(resource);
        if (collection == null || !counters.containsKey(collection)) {
            return Reservation.NONE;
        }
        List<String> held = new ArrayList<>();
        try {
            for (Map.Entry<String, Integer> d : deltas.entrySet()) {
                String project = d.getKey();
                if (jpa.txExpr(TransactionType.Supports, em -> limit(em, project, resource)) < 0) {
                    continue;
                }
                String id = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required,
                        em -> reserve(em, context, project, resource, d.getValue())));
                if (id != null) {
                    held.add(id);
                }
            }
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return held.isEmpty() ? Reservation.NONE : new Held(held);
    }

    /** Under the project's lock on the resource: room for delta more, or OverQuota. */
    private String reserve(EntityManager em, RequestContext context, String project, String resource, int delta) {
        if (em.find(QuotaUsageEntity.class, new ProjectResource(project, resource),
                LockModeType.PESSIMISTIC_WRITE) == null) {
            // the new row is locked by its insert; a concurrent insert of it fails and is retried
            QuotaUsageEntity u = new QuotaUsageEntity();
            u.projectId = project;
            u.resource = resource;
            em.persist(u);
            em.flush();
        }
        // read again under the lock: the limit may have changed since the unlocked look
        int limit = limit(em, project, resource);
        if (limit < 0) {
            return null;
        }
        long now = clock.getAsLong();
        em.createQuery("DELETE FROM ReservationEntity r WHERE r.projectId = :p AND r.resource = :r"
                + " AND r.expiration < :now").setParameter("p", project).setParameter("r", resource)
                .setParameter("now", now).executeUpdate();
        long reserved = reserved(em, project).getOrDefault(resource, 0L);
        if (limit - used(context, project, resource) - reserved < delta) {
            throw new NeutronException(409, "OverQuota", "Quota exceeded for resources: "
                    + Validators.repr(List.of(resource)) + ".");
        }
        ReservationEntity r = new ReservationEntity();
        r.id = UUID.randomUUID().toString();
        r.projectId = project;
        r.resource = resource;
        r.amount = delta;
        r.expiration = now + RESERVATION_MILLIS;
        em.persist(r);
        return r.id;
    }

    /** The items of a resource a project owns, counted by the handler of its collection. */
    private long used(RequestContext context, String project, String resource) {
        ResourceHandler h = counters.get(RESOURCES.get(resource));
        if (h == null) {
            return 0;
        }
        // every item of the project counts, whatever the caller may see
        RequestContext admin = new RequestContext(project, null, List.of("admin"), true,
                context == null ? null : context.requestId());
        return h.count(admin, Map.of(TENANT_ID, List.of(project)));
    }

    private int limit(EntityManager em, String project, String resource) {
        QuotaEntity q = em.find(QuotaEntity.class, new ProjectResource(project, resource));
        return q == null ? defaults.limit(resource) : q.quotaLimit;
    }

    /** Resource to the items reserved and not lapsed. */
    private Map<String, Long> reserved(EntityManager em, String project) {
        Map<String, Long> out = new LinkedHashMap<>();
        em.createQuery("SELECT r.resource, SUM(r.amount) FROM ReservationEntity r WHERE r.projectId = :p"
                + " AND r.expiration >= :now GROUP BY r.resource", Object[].class)
                .setParameter("p", project).setParameter("now", clock.getAsLong()).getResultList()
                .forEach(row -> out.put((String) row[0], ((Number) row[1]).longValue()));
        return out;
    }

    private void release(List<String> ids) {
        if (!ids.isEmpty()) {
            Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                    "DELETE FROM ReservationEntity r WHERE r.id IN :ids").setParameter("ids", ids).executeUpdate()));
        }
    }

    /**
     * Reservations in the database. Committed or cancelled they go alike: once the items exist
     * they are counted as used, and a failed create has none.
     */
    private final class Held implements Reservation {
        private final List<String> ids;

        Held(List<String> ids) {
            this.ids = List.copyOf(ids);
        }

        @Override
        public void commit() {
            release(ids);
        }

        @Override
        public void cancel() {
            release(ids);
        }
    }
}
