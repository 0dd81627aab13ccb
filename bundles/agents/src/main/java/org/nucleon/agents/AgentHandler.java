package org.nucleon.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.validation.Converters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Neutron's agents: listed, shown, updated (admin_state_up, description) and deleted through
 * the API, never created there; they appear by reporting their state ({@link #report}).
 * {@code alive} says whether the last heartbeat is at most {@code agent_down_time} old.
 */
@Component(service = {ResourceHandler.class, AgentHandler.class}, property = ResourceHandler.COLLECTION
        + "=agents", configurationPid = AgentHandler.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class AgentHandler extends JpaResourceHandler<AgentEntity> {
    static final String PID = "org.nucleon.agents";
    static final long DEFAULT_AGENT_DOWN_TIME = 75;
    // Neutron prints the agents' naive UTC datetimes with str(), seconds precision
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("id", "id"),
            Map.entry("agent_type", "agentType"), Map.entry("binary", "binary"), Map.entry("topic", "topic"),
            Map.entry("host", "host"), Map.entry("admin_state_up", "adminStateUp"),
            Map.entry("description", "description"), Map.entry("availability_zone", "availabilityZone"));
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Reference(target = "(osgi.unit.name=nucleon-agents)")
    JpaTemplate jpa;
    /** Agents' updates are published, so the schedulers tell an agent of its admin_state_up. */
    @Reference
    CallbackRegistry callbacks;

    Clock clock = Clock.systemUTC();
    private volatile Duration agentDownTime = Duration.ofSeconds(DEFAULT_AGENT_DOWN_TIME);
    private volatile boolean enableNewAgents = true;

    public AgentHandler() {
        super(AgentEntity.class, "Agent", COLUMNS);
    }

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        Object seconds = properties.getOrDefault("agent_down_time", DEFAULT_AGENT_DOWN_TIME);
        agentDownTime = Duration.ofSeconds(Long.parseLong(String.valueOf(seconds).strip()));
        enableNewAgents = Boolean.parseBoolean(String.valueOf(properties.getOrDefault("enable_new_agents", "true"))
                .strip());
    }

    Duration agentDownTime() {
        return agentDownTime;
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return "agent";
    }

    /** The agent's networks and routers go with it, as Neutron's bindings cascade. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, AgentEntity agent) {
        Scheduling.unbindAgent(em, agent.id);
    }

    /** Whether an agent with this heartbeat counts as alive now, as Neutron's not is_agent_down. */
    boolean alive(LocalDateTime heartbeat) {
        return Duration.between(heartbeat, now()).compareTo(agentDownTime) <= 0;
    }

    /** Agents are registered by their reports only; Neutron's API has no create_agent. */
    @Override
    protected AgentEntity newEntity(RequestContext context, Map<String, Object> resource) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> resources) {
        throw NeutronException.httpNotFound();
    }

    @Override
    protected void apply(AgentEntity e, Map<String, Object> changes) {
        if (changes.containsKey("admin_state_up")) {
            e.adminStateUp = Boolean.TRUE.equals(changes.get("admin_state_up"));
        }
        if (changes.containsKey("description")) {
            e.description = (String) changes.get("description");
        }
    }

    @Override
    protected Map<String, Object> toMap(AgentEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("agent_type", e.agentType);
        m.put("binary", e.binary);
        m.put("topic", e.topic);
        m.put("host", e.host);
        m.put("admin_state_up", e.adminStateUp);
        m.put("created_at", TIME.format(e.createdAt));
        m.put("started_at", TIME.format(e.startedAt));
        m.put("heartbeat_timestamp", TIME.format(e.heartbeatTimestamp));
        m.put("description", e.description);
        m.put("availability_zone", e.availabilityZone);
        m.put("resources_synced", e.resourcesSynced);
        m.put("alive", alive(e.heartbeatTimestamp));
        m.put("configurations", Json.read(e.configurations, OBJECT));
        return m;
    }

    /** Neutron filters on alive after the query, since it is computed. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Map<String, Object>> agents = super.list(context, query);
        List<Object> alive = query.filters().get("alive");
        if (alive == null || alive.isEmpty()) {
            return agents;
        }
        // as Neutron: the first value, through convert_to_boolean (400 InvalidInput otherwise)
        Object wanted = Converters.get("convert_to_boolean").convert(alive.get(0));
        return agents.stream().filter(a -> wanted.equals(a.get("alive"))).toList();
    }

    /** Reports this server has committed, so a cached "no agent of that type" learns of a new one at once. */
    private final AtomicLong reports = new AtomicLong();

    long reports() {
        return reports.get();
    }

    /** What a report did, as Neutron's create_or_update_agent says it: new, alive or revived. */
    record Reported(String status, Map<String, Object> agent) {
    }

    /**
     * Registers an agent or refreshes its heartbeat, as Neutron's create_or_update_agent: a new
     * agent starts admin_state_up unless enable_new_agents is false; a known one keeps its id,
     * admin state and description, and is "revived" when its last heartbeat had expired.
     */
    Reported report(AgentReport r) {
        Reported reported = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            LocalDateTime now = now();
            AgentEntity e = find(em, r.agentType(), r.host());
            String status;
            if (e == null) {
                status = "new";
                e = new AgentEntity();
                e.id = UUID.randomUUID().toString();
                e.agentType = r.agentType();
                e.host = r.host();
                e.adminStateUp = enableNewAgents;
                e.createdAt = now;
                e.startedAt = now;
                em.persist(e);
            } else {
                status = alive(e.heartbeatTimestamp) ? "alive" : "revived";
                if (r.startFlag()) {
                    e.startedAt = now;
                }
            }
            e.binary = r.binary();
            e.topic = r.topic();
            e.availabilityZone = r.availabilityZone();
            e.configurations = Json.write(r.configurations() == null ? Map.of() : r.configurations());
            if (r.resourceVersions() != null && !r.resourceVersions().isEmpty()) {
                e.resourceVersions = Json.write(r.resourceVersions());
            }
            e.load = r.load();
            e.heartbeatTimestamp = now;
            return new Reported(status, toMap(e));
        }));
        reports.incrementAndGet(); // after the commit: whoever sees the new count can read the agent
        return reported;
    }

    private static AgentEntity find(EntityManager em, String agentType, String host) {
        return em.createQuery("select a from AgentEntity a where a.agentType = :t and a.host = :h", AgentEntity.class)
                .setParameter("t", agentType).setParameter("h", host).getResultStream().findFirst().orElse(null);
    }

    LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
