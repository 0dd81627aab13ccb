package org.nucleon.ml2.securitygroup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.ListQueries;
import org.nucleon.api.persistence.Visibility;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Security group rules. A rule belongs to its group: adding or removing one is a revision of
 * the group. Creates run again on a concurrent change of the same group, so that a concurrent
 * duplicate ends as Neutron's 409 rather than a database error.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=security_group_rules")
public class SecurityGroupRuleHandler implements ResourceHandler {
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("id", "id"),
            Map.entry("security_group_id", "securityGroupId"), Map.entry("remote_group_id", "remoteGroupId"),
            Map.entry("direction", "direction"), Map.entry("protocol", "protocol"),
            Map.entry("port_range_min", "portRangeMin"), Map.entry("port_range_max", "portRangeMax"),
            Map.entry("ethertype", "ethertype"), Map.entry("remote_ip_prefix", "remoteIpPrefix"),
            Map.entry("tenant_id", "projectId"), Map.entry("project_id", "projectId"),
            Map.entry("description", "description"));

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    SecurityGroups groups;

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> rule) {
        return insert(List.of(rule)).get(0);
    }

    /** Neutron's native bulk: one group and one project per request, all rules or none. */
    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> rules) {
        Set<Object> groupIds = new HashSet<>();
        Set<Object> projects = new HashSet<>();
        for (Map<String, Object> r : rules) {
            groupIds.add(r.get("security_group_id"));
            if (groupIds.size() > 1) {
                throw new NeutronException(400, "SecurityGroupNotSingleGroupRules",
                        "Only allowed to update rules for one security profile at a time");
            }
            projects.add(r.get("tenant_id"));
            if (projects.size() > 1) {
                throw new NeutronException(400, "SecurityGroupRulesNotSingleTenant",
                        "Multiple tenant_ids in bulk security group rule create not allowed");
            }
        }
        return insert(rules);
    }

    private List<Map<String, Object>> insert(List<Map<String, Object>> bodies) {
        return Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            List<RuleChecks.Rule> checked = new ArrayList<>();
            SecurityGroupEntity group = null;
            for (Map<String, Object> body : bodies) {
                RuleChecks.Rule rule = RuleChecks.check(body);
                if (rule.remoteGroupId() != null) {
                    SecurityGroups.group(em, rule.remoteGroupId());
                }
                group = SecurityGroups.group(em, (String) body.get("security_group_id"));
                checked.add(rule);
            }
            checkDuplicates(group, checked);
            List<SecurityGroupRuleEntity> created = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                created.add(persist(em, group, bodies.get(i), checked.get(i)));
            }
            // a concurrent duplicate or revision fails here, inside the retried transaction
            em.flush();
            return created.stream().map(SecurityGroupRuleEntity::toMap).toList();
        }));
    }

    private static void checkDuplicates(SecurityGroupEntity group, List<RuleChecks.Rule> rules) {
        Set<String> keys = new HashSet<>();
        for (RuleChecks.Rule r : rules) {
            if (!keys.add(RuleChecks.key(r))) {
                throw NeutronException.conflict("DuplicateSecurityGroupRuleInPost",
                        "Duplicate Security Group Rule in POST.");
            }
        }
        for (SecurityGroupRuleEntity existing : group.rules) {
            if (keys.contains(existing.ruleKey)) {
                throw NeutronException.conflict("SecurityGroupRuleExists",
                        "Security group rule already exists. Rule id is " + existing.id + ".");
            }
        }
    }

    private static SecurityGroupRuleEntity persist(EntityManager em, SecurityGroupEntity group, Map<String, Object> body,
            RuleChecks.Rule rule) {
        SecurityGroupRuleEntity e = new SecurityGroupRuleEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) body.get("tenant_id");
        e.direction = rule.direction();
        e.ethertype = rule.ethertype();
        e.protocol = rule.protocol();
        e.portRangeMin = rule.portRangeMin();
        e.portRangeMax = rule.portRangeMax();
        e.remoteIpPrefix = rule.remoteIpPrefix();
        e.remoteGroupId = rule.remoteGroupId();
        e.ruleKey = RuleChecks.key(rule);
        e.applyDescription(body);
        group.addRule(e);
        em.persist(e);
        return e;
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        return jpa.txExpr(TransactionType.Supports, em -> find(em, context, id).toMap());
    }

    /** Neutron ensures the default group of the project whose rules are listed, as for groups. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        groups.ensureDefaultForList(context, query.filters());
        ListQueries.Scope<SecurityGroupRuleEntity> scope = Visibility.scoped(context)
                ? (cb, q, root) -> Visibility.ownedBy(cb, root.get("projectId"), context) : ListQueries.all();
        return jpa.txExpr(TransactionType.Supports, em -> ListQueries.list(em, SecurityGroupRuleEntity.class,
                query, COLUMNS, "SecurityGroupRule", scope, null).stream().map(SecurityGroupRuleEntity::toMap)
                .toList());
    }

    /** Only the description can change; the attribute map makes everything else read-only. */
    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        return jpa.txExpr(TransactionType.Required, em -> {
            SecurityGroupRuleEntity e = find(em, context, id);
            e.applyDescription(changes);
            em.flush();
            return e.toMap();
        });
    }

    @Override
    public void delete(RequestContext context, String id) {
        Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            SecurityGroupRuleEntity rule = find(em, context, id);
            rule.group.removeRule(rule);
            return null;
        }));
    }

    /** The rule if the caller may see it: a project sees its own rules, as Neutron's query scoping. */
    private static SecurityGroupRuleEntity find(EntityManager em, RequestContext context, String id) {
        SecurityGroupRuleEntity e = em.find(SecurityGroupRuleEntity.class, id);
        if (e == null || Visibility.scoped(context) && !Objects.equals(e.projectId, context.projectId())) {
            throw new NeutronException(404, "SecurityGroupRuleNotFound", "Security group rule " + id
                    + " does not exist");
        }
        return e;
    }
}
