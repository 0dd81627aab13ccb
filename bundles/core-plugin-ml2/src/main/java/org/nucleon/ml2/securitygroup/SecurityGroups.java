package org.nucleon.ml2.securitygroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.InLists;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.rbac.RbacPolicies;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Security groups as the rest of the plugin uses them: each project's default group, and the
 * groups of ports. Ports are not ours; the port handler calls these methods.
 */
@Component(service = SecurityGroups.class)
public class SecurityGroups {
    static final String DEFAULT_NAME = "default";
    static final String OBJECT_TYPE = "security_group";
    /** The member name security group events are published under. */
    static final String EVENT_RESOURCE = "security_group";
    private static final String DEFAULT_DESCRIPTION = "Default security group";

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    RbacPolicies rbac;

    @Reference
    CallbackRegistry callbacks;

    /** Each project's default group as found before; see {@link #ensureDefault}. */
    private final Map<String, String> defaults = new ConcurrentHashMap<>();

    /**
     * The id of the project's default group, created with Neutron's default rules if the project
     * has none, publishing the security_group events Neutron's create_security_group does for it
     * (BEFORE_CREATE, PRECOMMIT_CREATE, AFTER_CREATE once committed; its rules publish none).
     * Runs its own transaction: call it before opening yours, as Neutron ensures the group before
     * a network or port is created. The default_security_group key lets only one of several
     * concurrent first calls create the group; the others retry and find it.
     *
     * <p>An id found once is remembered and given without a transaction: a default group is
     * deleted only by an admin, here (which forgets it) or on another server, and a port bound to
     * a group gone fails on the binding's foreign key: the caller then {@link #forgetDefault}s it
     * and retries.
     */
    public String ensureDefault(RequestContext context, String projectId) {
        String known = defaults.get(projectId);
        if (known != null) {
            return known;
        }
        String id = jpa.txExpr(TransactionType.Supports, em -> defaultOf(em, projectId));
        if (id == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", DEFAULT_NAME);
            body.put("description", DEFAULT_DESCRIPTION);
            body.put("tenant_id", projectId);
            publish(Event.BEFORE_CREATE, context, null, body, body);
            id = Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
                String existing = defaultOf(em, projectId);
                return existing != null ? existing : createDefault(em, context, body);
            }));
        }
        defaults.put(projectId, id);
        return id;
    }

    /** The project's default group, asked of the database rather than a cache another server may have outdated. */
    private static String defaultOf(EntityManager em, String projectId) {
        List<String> existing = em.createQuery("SELECT d.group.id FROM DefaultSecurityGroupEntity d "
                + "WHERE d.projectId = :p", String.class).setParameter("p", projectId).getResultList();
        return existing.isEmpty() ? null : existing.get(0);
    }

    private void publish(Event event, RequestContext context, String id, Map<String, Object> state,
            Map<String, Object> request) {
        callbacks.publish(new ResourceEvent(EVENT_RESOURCE, event, context, id, state, null, request));
    }

    /** Forgets the project's default group, which a port's foreign key found gone. */
    public void forgetDefault(String projectId) {
        defaults.remove(projectId);
    }

    /** Forgets a default group being deleted. */
    void forgetDeleted(String groupId) {
        defaults.values().remove(groupId);
    }

    private String createDefault(EntityManager em, RequestContext context, Map<String, Object> body) {
        String projectId = (String) body.get("tenant_id");
        SecurityGroupEntity group = newGroup(projectId, DEFAULT_NAME, DEFAULT_DESCRIPTION);
        for (String ethertype : List.of(RuleChecks.IPV4, RuleChecks.IPV6)) {
            // traffic from the group's own members
            templateRule(group, "ingress", ethertype, group.id);
            templateRule(group, "egress", ethertype, null);
        }
        em.persist(group);
        DefaultSecurityGroupEntity marker = new DefaultSecurityGroupEntity();
        marker.projectId = projectId;
        marker.group = group;
        em.persist(marker);
        // insert now, so that a concurrent creator fails here and retries
        em.flush();
        Map<String, Object> view = group.toMap(group.rules);
        publish(Event.PRECOMMIT_CREATE, context, group.id, view, body);
        Transactions.afterCommit(() -> publish(Event.AFTER_CREATE, context, group.id, view, body));
        return group.id;
    }

    /** A new group with the egress rules every new group gets; the caller persists it. */
    static SecurityGroupEntity newGroup(String projectId, String name, String description) {
        SecurityGroupEntity group = new SecurityGroupEntity();
        group.id = UUID.randomUUID().toString();
        group.projectId = projectId;
        group.name = name;
        group.applyDescription(Map.of("description", description));
        if (!DEFAULT_NAME.equals(name)) {
            templateRule(group, "egress", RuleChecks.IPV4, null);
            templateRule(group, "egress", RuleChecks.IPV6, null);
        }
        return group;
    }

    /** A rule of Neutron's default rule templates: any protocol, from anywhere or from a group. */
    private static void templateRule(SecurityGroupEntity group, String direction, String ethertype,
            String remoteGroupId) {
        SecurityGroupRuleEntity r = new SecurityGroupRuleEntity();
        r.id = UUID.randomUUID().toString();
        r.projectId = group.projectId;
        r.direction = direction;
        r.ethertype = ethertype;
        r.remoteGroupId = remoteGroupId;
        r.ruleKey = RuleChecks.key(new RuleChecks.Rule(direction, ethertype, null, null, null, null, remoteGroupId));
        r.clearDescription();
        group.addRule(r);
    }

    /**
     * Ensures the default group of the project a list concerns, as Neutron's get_security_groups
     * does: the first project filter, else the caller's project; nothing for a caller without
     * project, and a non-admin does not create another project's group.
     */
    void ensureDefaultForList(RequestContext context, Map<String, List<Object>> filters) {
        List<Object> projects = filters.getOrDefault("project_id", filters.get("tenant_id"));
        if (context.projectId() == null) {
            return;
        }
        String project = projects == null || projects.isEmpty() ? context.projectId() : (String) projects.get(0);
        if (context.admin() || project.equals(context.projectId())) {
            ensureDefault(context, project);
        }
    }

    /**
     * Checks the groups requested for a port of {@code projectId}, as Neutron's
     * {@code _get_security_groups_on_port}: each must exist and, unless the caller is admin,
     * belong to that project or be shared with it by RBAC; otherwise 404 SecurityGroupNotFound
     * naming the missing ones.
     *
     * @return the requested ids without repetitions, in the order given
     */
    public List<String> validateGroups(EntityManager em, RequestContext context, String projectId,
            Collection<String> groupIds) {
        Set<String> requested = new LinkedHashSet<>(groupIds);
        Set<String> valid = new LinkedHashSet<>();
        Set<String> granted = context.admin() || projectId == null ? Set.of() : rbac.grantedTo(OBJECT_TYPE, projectId);
        for (List<String> chunk : InLists.batches(requested)) {
            em.createQuery("SELECT g.id, g.projectId FROM SecurityGroupEntity g WHERE g.id IN :ids", Object[].class)
                    .setParameter("ids", chunk).getResultList().forEach(row -> {
                        if (context.admin() || projectId == null || projectId.equals(row[1])
                                || granted.contains((String) row[0])) {
                            valid.add((String) row[0]);
                        }
                    });
        }
        List<String> missing = requested.stream().filter(id -> !valid.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw groupNotFound(String.join(", ", missing));
        }
        return new ArrayList<>(requested);
    }

    /** Binds the port to the (validated) groups, in the caller's transaction. */
    public void bind(EntityManager em, String portId, Collection<String> groupIds) {
        for (String groupId : new LinkedHashSet<>(groupIds)) {
            PortSecurityGroupBindingEntity b = new PortSecurityGroupBindingEntity();
            b.portId = portId;
            b.securityGroupId = groupId;
            em.persist(b);
        }
    }

    /** Removes all the port's bindings (port delete, or before binding new groups on update). */
    public void unbind(EntityManager em, String portId) {
        em.createQuery("DELETE FROM PortSecurityGroupBindingEntity b WHERE b.portId = :port")
                .setParameter("port", portId).executeUpdate();
    }

    /**
     * The group ids of each of the ports, sorted; a port without groups maps to an empty list.
     * A page's worth in few queries ({@link PageKeys}).
     */
    public Map<String, List<String>> groupsOf(EntityManager em, PageKeys ports) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ports.keys().forEach(p -> out.put(p, new ArrayList<>()));
        ports.query(em, "SELECT b.portId, b.securityGroupId FROM PortSecurityGroupBindingEntity b WHERE %s "
                + "ORDER BY b.portId, b.securityGroupId", "b.portId", Object[].class, row -> (String) row[0])
                .forEach(row -> out.get((String) row[0]).add((String) row[1]));
        return out;
    }

    boolean inUse(EntityManager em, String groupId) {
        return !em.createQuery("SELECT b.portId FROM PortSecurityGroupBindingEntity b "
                + "WHERE b.securityGroupId = :g", String.class).setParameter("g", groupId).setMaxResults(1)
                .getResultList().isEmpty();
    }

    static SecurityGroupEntity group(EntityManager em, String id) {
        SecurityGroupEntity g = em.find(SecurityGroupEntity.class, id);
        if (g == null) {
            throw groupNotFound(id);
        }
        return g;
    }

    static NeutronException groupNotFound(String id) {
        return new NeutronException(404, "SecurityGroupNotFound", "Security group " + id + " does not exist");
    }

}
