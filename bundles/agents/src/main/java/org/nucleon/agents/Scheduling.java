package org.nucleon.agents;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.core.type.TypeReference;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutron's agent schedulers: networks onto DHCP agents ({@code dhcp_agents_per_network}, the
 * least loaded alive agents first, as the WeightScheduler) and routers onto one L3 agent (least
 * routers, as the LeastRoutersScheduler); manual add and remove with Neutron's errors; the casts
 * that tell the agents. Every half agent_down_time, as Neutron's agent status checks, resources
 * leave agents dead for twice agent_down_time: networks when {@code allow_automatic_dhcp_failover}
 * (and are placed again when {@code network_auto_schedule}), routers when
 * {@code allow_automatic_l3agent_failover}.
 */
@Component(service = Scheduling.class, configurationPid = AgentHandler.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class Scheduling {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduling.class);
    /** Neutron's PRIORITY_NETWORK_CREATE and PRIORITY_NETWORK_DELETE of the DHCP agent's queue. */
    static final int NETWORK_CREATE_PRIORITY = 0;
    static final int NETWORK_DELETE_PRIORITY = 2;
    /** Agent modes whose L3 agents host no centralized router (Neutron's DVR compute-node modes). */
    private static final Set<String> DISTRIBUTED_ONLY_MODES = Set.of("dvr", "dvr_no_external");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Reference(target = "(osgi.unit.name=nucleon-agents)")
    JpaTemplate jpa;
    @Reference
    AgentHandler agents;
    @Reference
    AgentNotifier notifier;

    private volatile int dhcpAgentsPerNetwork = 1;
    private volatile boolean networkAutoSchedule = true;
    private ScheduledExecutorService statusCheck;

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> properties) {
        dhcpAgentsPerNetwork = Integer.parseInt(String.valueOf(properties.getOrDefault("dhcp_agents_per_network",
                "1")).strip());
        networkAutoSchedule = flag(properties, "network_auto_schedule", true);
        boolean dhcpFailover = flag(properties, "allow_automatic_dhcp_failover", true);
        boolean l3Failover = flag(properties, "allow_automatic_l3agent_failover", false);
        stopStatusCheck();
        if (dhcpFailover || l3Failover) {
            long every = Math.max(agents.agentDownTime().toSeconds() / 2, 1);
            statusCheck = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nucleon-agent-status-check");
                t.setDaemon(true);
                return t;
            });
            if (dhcpFailover) {
                statusCheck.scheduleWithFixedDelay(this::removeNetworksFromDownAgents, every, every, TimeUnit.SECONDS);
            }
            if (l3Failover) {
                statusCheck.scheduleWithFixedDelay(this::rescheduleRoutersFromDownAgents, every, every,
                        TimeUnit.SECONDS);
            }
        }
    }

    private static boolean flag(Map<String, Object> properties, String key, boolean otherwise) {
        return Boolean.parseBoolean(String.valueOf(properties.getOrDefault(key, otherwise)).strip());
    }

    @Deactivate
    synchronized void stopStatusCheck() {
        if (statusCheck != null) {
            statusCheck.shutdownNow();
            statusCheck = null;
        }
    }

    /**
     * Whether any agent of the kind's type is registered, alive or not. Every port create asks
     * (three queries, then a warning, when no agent could take its network), and a server with no
     * such agent at all (none of that type runs) would ask in vain each time; so the answer is kept
     * for up to a second, unless this server takes an agent's report meanwhile. An agent another
     * server registers is seen within that second; a "some" that has become wrong only sends the
     * event down the full path, which finds no agent itself.
     */
    boolean anyAgent(Kind kind) {
        long reports = agents.reports();
        Known known = anyAgent.get(kind);
        if (known != null && known.reports == reports && System.nanoTime() - known.since < ANY_AGENT_KEPT_NANOS) {
            return known.any;
        }
        boolean any = !jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "select a.id from AgentEntity a where a.agentType = :type", String.class)
                .setParameter("type", kind.agentType).setMaxResults(1).getResultList()).isEmpty();
        anyAgent.put(kind, new Known(any, reports, System.nanoTime()));
        return any;
    }

    private record Known(boolean any, long reports, long since) {
    }

    private static final long ANY_AGENT_KEPT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final Map<Kind, Known> anyAgent = new ConcurrentHashMap<>();

    /** Ids of the resources of a kind an agent hosts, in binding order. */
    List<String> hostedBy(Kind kind, String agentId) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("select b.resourceId from AgentBinding b"
                + " where b.agentId = :a and b.resourceType = :t order by b.resourceId", String.class)
                .setParameter("a", agentId).setParameter("t", kind.resource).getResultList());
    }

    /** The agents hosting a resource. */
    List<AgentEntity> hosting(Kind kind, String resourceId) {
        return jpa.txExpr(TransactionType.Supports, em -> hosting(em, kind, resourceId));
    }

    private static List<AgentEntity> hosting(EntityManager em, Kind kind, String resourceId) {
        return em.createQuery("select a from AgentEntity a, AgentBinding b where b.agentId = a.id"
                + " and b.resourceType = :t and b.resourceId = :r order by b.bindingIndex", AgentEntity.class)
                .setParameter("t", kind.resource).setParameter("r", resourceId).getResultList();
    }

    /** Neutron's add_network_to_dhcp_agent / add_router_to_l3_agent; the resource exists. */
    void add(Kind kind, String agentId, String resourceId) {
        AgentEntity agent = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId);
            if (a == null) {
                throw new NeutronException(404, "AgentNotFound", "Agent " + agentId + " could not be found.");
            }
            if (!kind.agentType.equals(a.agentType) || !a.adminStateUp) {
                throw kind.invalidAgent(agentId);
            }
            List<AgentEntity> hosts = hosting(em, kind, resourceId);
            if (hosts.stream().anyMatch(h -> h.id.equals(agentId))) {
                if (kind == Kind.L3) {
                    return null; // as Neutron: already where it should be, nothing to do
                }
                throw kind.hosted(resourceId, agentId);
            }
            if (kind == Kind.L3 && !hosts.isEmpty()) {
                // a legacy (non-HA) router lives on one agent
                throw kind.hosted(resourceId, hosts.get(0).id);
            }
            bind(em, kind, a, resourceId, hosts.size() + 1);
            return a;
        }));
        if (agent != null) {
            added(kind, agent, resourceId);
        }
    }

    /** Neutron's remove_network_from_dhcp_agent / remove_router_from_l3_agent. */
    void remove(Kind kind, String agentId, String resourceId) {
        AgentEntity agent = jpa.txExpr(TransactionType.Required, em -> {
            AgentEntity a = em.find(AgentEntity.class, agentId);
            if (a == null) {
                throw new NeutronException(404, "AgentNotFound", "Agent " + agentId + " could not be found.");
            }
            List<AgentBinding> bs = em.createQuery("select b from AgentBinding b where b.agentId = :a"
                    + " and b.resourceId = :r and b.resourceType = :t", AgentBinding.class).setParameter("a", agentId)
                    .setParameter("r", resourceId).setParameter("t", kind.resource).getResultList();
            if (bs.isEmpty()) {
                throw kind.notHosted(resourceId, agentId);
            }
            bs.forEach(em::remove);
            return a;
        });
        removed(kind, agent, resourceId);
    }

    /**
     * Places a resource on as many more alive, enabled agents as it lacks; tells the new hosts.
     * Returns the agents newly chosen.
     */
    List<AgentEntity> schedule(Kind kind, String resourceId) {
        List<AgentEntity> chosen = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required,
                em -> place(em, kind, resourceId, hosting(em, kind, resourceId))));
        if (chosen.isEmpty() && hosting(kind, resourceId).isEmpty()) {
            LOG.warn("unable to schedule {} {}: no alive {} available; will retry on its next change",
                    kind.resource, resourceId, kind.agentType);
        }
        chosen.forEach(a -> added(kind, a, resourceId));
        return chosen;
    }

    /** Binds the resource to as many candidates as it lacks beside its hosts; the agents chosen. */
    private List<AgentEntity> place(EntityManager em, Kind kind, String resourceId, List<AgentEntity> hosts) {
        int missing = (kind == Kind.DHCP ? dhcpAgentsPerNetwork : 1) - hosts.size();
        if (missing <= 0) {
            return List.of();
        }
        List<AgentEntity> candidates = candidates(em, kind, hosts);
        List<AgentEntity> out = new ArrayList<>(candidates.subList(0, Math.min(missing, candidates.size())));
        int index = hosts.size();
        for (AgentEntity a : out) {
            bind(em, kind, a, resourceId, ++index);
        }
        return out;
    }

    /**
     * Alive agents of the kind's type, admin_state_up, not hosting it yet (for routers, not in a
     * distributed-only agent_mode); least loaded first.
     */
    private List<AgentEntity> candidates(EntityManager em, Kind kind, List<AgentEntity> hosts) {
        Map<String, Long> load = new HashMap<>();
        em.createQuery("select b.agentId, count(b) from AgentBinding b where b.resourceType = :t group by b.agentId",
                Object[].class).setParameter("t", kind.resource).getResultList()
                .forEach(row -> load.put((String) row[0], ((Number) row[1]).longValue()));
        return em.createQuery("select a from AgentEntity a where a.agentType = :type and a.adminStateUp = true",
                AgentEntity.class).setParameter("type", kind.agentType).getResultList().stream()
                .filter(a -> agents.alive(a.heartbeatTimestamp))
                .filter(a -> hosts.stream().noneMatch(h -> h.id.equals(a.id)))
                .filter(a -> kind != Kind.L3 || !DISTRIBUTED_ONLY_MODES.contains(
                        String.valueOf(Json.read(a.configurations, OBJECT).get("agent_mode"))))
                .sorted(Comparator.comparing((AgentEntity a) -> load.getOrDefault(a.id, 0L)).thenComparing(a -> a.id))
                .toList();
    }

    private static void bind(EntityManager em, Kind kind, AgentEntity agent, String resourceId, int index) {
        AgentBinding b = new AgentBinding();
        b.id = UUID.randomUUID().toString();
        b.resourceType = kind.resource;
        b.resourceId = resourceId;
        b.agentId = agent.id;
        b.bindingIndex = index;
        em.persist(b);
    }

    /** Drops a deleted resource's bindings; the caller's transaction, if any, is joined. */
    void unbindAll(Kind kind, String resourceId) {
        jpa.tx(TransactionType.Required, em -> em.createQuery("delete from AgentBinding b where b.resourceType = :t"
                + " and b.resourceId = :r").setParameter("t", kind.resource).setParameter("r", resourceId)
                .executeUpdate());
    }

    /** Drops a deleted agent's bindings, in its delete transaction (Neutron's cascade). */
    static void unbindAgent(EntityManager em, String agentId) {
        em.createQuery("delete from AgentBinding b where b.agentId = :a").setParameter("a", agentId).executeUpdate();
    }

    /** Neutron's network_added_to_agent / router_added_to_agent casts. */
    private void added(Kind kind, AgentEntity agent, String resourceId) {
        if (kind == Kind.DHCP) {
            notifier.cast(kind.topic, agent.host, "network_create_end", Map.of("payload", ordered("network",
                    Map.of("id", resourceId), "priority", NETWORK_CREATE_PRIORITY)));
        } else {
            notifier.cast(kind.topic, agent.host, "router_added_to_agent", Map.of("payload", List.of(resourceId)));
        }
    }

    /** A payload whose keys keep Neutron's order (the agents do not care; logs and tests read better). */
    private static Map<String, Object> ordered(String key, Object value, String key2, Object value2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        m.put(key2, value2);
        return m;
    }

    /** Neutron's network_removed_from_agent / router_removed_from_agent casts. */
    private void removed(Kind kind, AgentEntity agent, String resourceId) {
        if (kind == Kind.DHCP) {
            notifier.cast(kind.topic, agent.host, "network_delete_end", Map.of("payload", ordered("network_id",
                    resourceId, "priority", NETWORK_DELETE_PRIORITY)));
        } else {
            notifier.cast(kind.topic, agent.host, "router_removed_from_agent",
                    Map.of("payload", Map.of("router_id", resourceId)));
        }
    }

    /**
     * The agents to tell of a change of a resource they host, as Neutron's notifiers choose them:
     * admin_state_up ones (DHCP), admin_state_up and alive ones (L3).
     */
    List<AgentEntity> enabledHosts(Kind kind, String resourceId) {
        return hosting(kind, resourceId).stream()
                .filter(a -> a.adminStateUp && (kind == Kind.DHCP || agents.alive(a.heartbeatTimestamp))).toList();
    }

    /** A cast to one agent on the kind's topic. */
    void cast(Kind kind, AgentEntity agent, String method, Map<String, Object> args) {
        notifier.cast(kind.topic, agent.host, method, args);
    }

    /** Casts a method to every enabled agent hosting the resource. */
    void notifyHosts(Kind kind, String resourceId, String method, Map<String, Object> args) {
        enabledHosts(kind, resourceId).forEach(a -> cast(kind, a, method, args));
    }

    /** A cast to every agent of the kind's topic. */
    void fanout(Kind kind, String method, Map<String, Object> args) {
        notifier.fanout(kind.topic, method, args);
    }

    /** Neutron's agent_updated cast, when an agent's admin_state_up changes. */
    void agentUpdated(Kind kind, String host, boolean adminStateUp) {
        notifier.cast(kind.topic, host, "agent_updated", Map.of("payload", Map.of("admin_state_up", adminStateUp)));
    }

    /** Bindings to agents dead for twice agent_down_time and admin_state_up: (resource id, agent). */
    private List<Object[]> downBindings(Kind kind) {
        LocalDateTime cutoff = agents.now().minus(agents.agentDownTime().multipliedBy(2));
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "select b.resourceId, a from AgentBinding b, AgentEntity a where b.agentId = a.id"
                        + " and b.resourceType = :t and a.adminStateUp = true and a.heartbeatTimestamp < :cutoff"
                        + " order by a.id, b.resourceId", Object[].class)
                .setParameter("t", kind.resource).setParameter("cutoff", cutoff).getResultList());
    }

    /**
     * Neutron's remove_networks_from_down_agents: networks leave DHCP agents dead for twice
     * agent_down_time, unless no DHCP agent is alive at all (then nothing would host them) or the
     * dead agent is still starting up (its start plus that limit plus two seconds per network it
     * hosts, the time it may take to set them up before it first reports). The dead agent is not
     * told; with network_auto_schedule the networks go to alive agents, which are.
     */
    void removeNetworksFromDownAgents() {
        try {
            List<Object[]> down = downBindings(Kind.DHCP);
            if (down.isEmpty()) {
                return;
            }
            boolean anyAlive = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                    "select a from AgentEntity a where a.agentType = :type", AgentEntity.class)
                    .setParameter("type", Kind.DHCP.agentType).getResultList().stream()
                    .anyMatch(a -> agents.alive(a.heartbeatTimestamp)));
            if (!anyAlive) {
                LOG.warn("no DHCP agents available, skipping rescheduling");
                return;
            }
            Map<String, Boolean> startingUp = new HashMap<>();
            for (Object[] row : down) {
                String network = (String) row[0];
                AgentEntity dead = (AgentEntity) row[1];
                if (startingUp.computeIfAbsent(dead.id, id -> startingUp(dead))) {
                    continue;
                }
                LOG.warn("removing network {} from DHCP agent {} on {}: it did not report in the last {} seconds",
                        network, dead.id, dead.host, agents.agentDownTime().multipliedBy(2).toSeconds());
                boolean unbound = jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "delete from AgentBinding b where b.agentId = :a and b.resourceId = :r and b.resourceType = :t")
                        .setParameter("a", dead.id).setParameter("r", network).setParameter("t", Kind.DHCP.resource)
                        .executeUpdate() > 0);
                // gone meanwhile (an admin, or another server): nothing more to do here
                if (unbound && networkAutoSchedule) {
                    schedule(Kind.DHCP, network);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("removing networks from down DHCP agents failed", e);
        }
    }

    /** Neutron's agent_starting_up, for a DHCP agent thought dead. */
    private boolean startingUp(AgentEntity agent) {
        int networks = hostedBy(Kind.DHCP, agent.id).size();
        LocalDateTime expectedUp = agent.startedAt.plus(agents.agentDownTime().multipliedBy(2))
                .plusSeconds(2L * networks);
        return expectedUp.isAfter(agents.now());
    }

    /**
     * Neutron's reschedule_routers_from_down_agents and reschedule_router: a router on an L3 agent
     * dead for twice agent_down_time leaves all its agents for an alive one, in one transaction,
     * or stays where it is when there is none (Neutron's RouterReschedulingFailed rolls back). The old hosts are told
     * router_removed_from_agent, the new one router_added_to_agent.
     */
    void rescheduleRoutersFromDownAgents() {
        try {
            for (Object[] row : downBindings(Kind.L3)) {
                String router = (String) row[0];
                AgentEntity dead = (AgentEntity) row[1];
                LOG.warn("rescheduling router {} from down L3 agent {} on {}", router, dead.id, dead.host);
                List<List<AgentEntity>> oldAndNew = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required,
                        em -> {
                            List<AgentEntity> old = hosting(em, Kind.L3, router);
                            if (old.stream().noneMatch(a -> a.id.equals(dead.id))) {
                                return null; // moved meanwhile
                            }
                            List<AgentEntity> candidates = candidates(em, Kind.L3, old);
                            if (candidates.isEmpty()) {
                                return List.of(old, List.<AgentEntity>of());
                            }
                            em.createQuery("delete from AgentBinding b where b.resourceType = :t and b.resourceId = :r")
                                    .setParameter("t", Kind.L3.resource).setParameter("r", router).executeUpdate();
                            bind(em, Kind.L3, candidates.get(0), router, 1);
                            return List.of(old, List.of(candidates.get(0)));
                        }));
                if (oldAndNew == null) {
                    continue;
                }
                if (oldAndNew.get(1).isEmpty()) {
                    LOG.warn("failed rescheduling router {}: no eligible L3 agent found", router);
                    continue;
                }
                oldAndNew.get(0).forEach(a -> removed(Kind.L3, a, router));
                oldAndNew.get(1).forEach(a -> added(Kind.L3, a, router));
            }
        } catch (RuntimeException e) {
            LOG.warn("rescheduling routers from down L3 agents failed", e);
        }
    }
}
