package org.nucleon.agents;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * that tell the agents; and, when {@code allow_automatic_l3agent_failover} is set, routers moved
 * off L3 agents dead for twice agent_down_time, checked every half agent_down_time.
 */
@Component(service = Scheduling.class, configurationPid = AgentHandler.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class Scheduling {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduling.class);

    @Reference(target = "(osgi.unit.name=nucleon-agents)")
    JpaTemplate jpa;
    @Reference
    AgentHandler agents;
    @Reference
    AgentNotifier notifier;

    private volatile int dhcpAgentsPerNetwork = 1;
    private volatile boolean l3Failover;
    private ScheduledExecutorService failover;

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> properties) {
        dhcpAgentsPerNetwork = Integer.parseInt(String.valueOf(properties.getOrDefault("dhcp_agents_per_network",
                "1")).strip());
        l3Failover = Boolean.parseBoolean(String.valueOf(properties.getOrDefault(
                "allow_automatic_l3agent_failover", "false")).strip());
        stopFailover();
        if (l3Failover) {
            long every = Math.max(agents.agentDownTime().toSeconds() / 2, 1);
            failover = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nucleon-l3-agent-failover");
                t.setDaemon(true);
                return t;
            });
            failover.scheduleWithFixedDelay(this::rescheduleRoutersFromDownAgents, every, every, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    synchronized void stopFailover() {
        if (failover != null) {
            failover.shutdownNow();
            failover = null;
        }
    }

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
        int wanted = kind == Kind.DHCP ? dhcpAgentsPerNetwork : 1;
        List<AgentEntity> chosen = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            List<AgentEntity> hosts = hosting(em, kind, resourceId);
            int missing = wanted - hosts.size();
            if (missing <= 0) {
                return List.<AgentEntity>of();
            }
            List<AgentEntity> candidates = candidates(em, kind, hosts);
            List<AgentEntity> out = new ArrayList<>(candidates.subList(0, Math.min(missing, candidates.size())));
            int index = hosts.size();
            for (AgentEntity a : out) {
                bind(em, kind, a, resourceId, ++index);
            }
            return out;
        }));
        if (chosen.isEmpty() && hosting(kind, resourceId).isEmpty()) {
            LOG.info("unable to schedule {} {}: no alive {} available", kind.resource, resourceId, kind.agentType);
        }
        chosen.forEach(a -> added(kind, a, resourceId));
        return chosen;
    }

    /** Alive agents of the kind's type, admin_state_up, not hosting it yet; least loaded first. */
    private List<AgentEntity> candidates(EntityManager em, Kind kind, List<AgentEntity> hosts) {
        Map<String, Long> load = new HashMap<>();
        em.createQuery("select b.agentId, count(b) from AgentBinding b where b.resourceType = :t group by b.agentId",
                Object[].class).setParameter("t", kind.resource).getResultList()
                .forEach(row -> load.put((String) row[0], ((Number) row[1]).longValue()));
        return em.createQuery("select a from AgentEntity a where a.agentType = :type and a.adminStateUp = true",
                AgentEntity.class).setParameter("type", kind.agentType).getResultList().stream()
                .filter(a -> agents.alive(a.heartbeatTimestamp))
                .filter(a -> hosts.stream().noneMatch(h -> h.id.equals(a.id)))
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

    /** Drops a deleted resource's bindings. */
    void unbindAll(Kind kind, String resourceId) {
        jpa.tx(TransactionType.Required, em -> em.createQuery("delete from AgentBinding b where b.resourceType = :t"
                + " and b.resourceId = :r").setParameter("t", kind.resource).setParameter("r", resourceId)
                .executeUpdate());
    }

    /** Neutron's network_added_to_agent / router_added_to_agent casts. */
    private void added(Kind kind, AgentEntity agent, String resourceId) {
        if (kind == Kind.DHCP) {
            notifier.cast(agent.topic, agent.host, "network_create_end",
                    Map.of("payload", Map.of("network", Map.of("id", resourceId))));
        } else {
            notifier.cast(agent.topic, agent.host, "router_added_to_agent", Map.of("payload", List.of(resourceId)));
        }
    }

    private void removed(Kind kind, AgentEntity agent, String resourceId) {
        if (kind == Kind.DHCP) {
            notifier.cast(agent.topic, agent.host, "network_delete_end",
                    Map.of("payload", Map.of("network_id", resourceId)));
        } else {
            notifier.cast(agent.topic, agent.host, "router_removed_from_agent",
                    Map.of("payload", Map.of("router_id", resourceId)));
        }
    }

    /**
     * Casts a method to every enabled agent hosting the resource, as Neutron's notifiers do
     * (DHCP: admin_state_up; L3: admin_state_up and alive).
     */
    void notifyHosts(Kind kind, String resourceId, String method, Map<String, Object> args) {
        for (AgentEntity a : hosting(kind, resourceId)) {
            if (a.adminStateUp && (kind == Kind.DHCP || agents.alive(a.heartbeatTimestamp))) {
                notifier.cast(a.topic, a.host, method, args);
            }
        }
    }

    /** A cast to every agent of the kind's topic. */
    void fanout(Kind kind, String method, Map<String, Object> args) {
        notifier.fanout(kind.topic, method, args);
    }

    /** Neutron's reschedule_routers_from_down_agents. */
    void rescheduleRoutersFromDownAgents() {
        try {
            LocalDateTime deadBefore = agents.now().minus(agents.agentDownTime().multipliedBy(2));
            List<Object[]> down = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                    "select b.resourceId, a from AgentBinding b, AgentEntity a where b.agentId = a.id"
                            + " and b.resourceType = :t and a.heartbeatTimestamp < :dead", Object[].class)
                    .setParameter("t", Kind.L3.resource).setParameter("dead", deadBefore).getResultList());
            for (Object[] row : down) {
                String router = (String) row[0];
                AgentEntity dead = (AgentEntity) row[1];
                LOG.info("rescheduling router {} from down L3 agent {} on {}", router, dead.id, dead.host);
                remove(Kind.L3, dead.id, router);
                schedule(Kind.L3, router);
                notifyHosts(Kind.L3, router, "routers_updated", Map.of("routers", List.of(router)));
            }
        } catch (RuntimeException e) {
            LOG.warn("rescheduling routers from down L3 agents failed", e);
        }
    }
}
