package org.nucleon.ml2.securitygroup;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Security group rules, with Neutron's security_group_rule events. A rule belongs to its group:
 * adding or removing one is a revision of the group. Creates run again on a concurrent change
 * of the same group, so that a concurrent duplicate ends as Neutron's 409 rather than a
 * database error. A project sees its own rules, as Neutron's query scoping.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=security_group_rules")
public class SecurityGroupRuleHandler extends JpaResourceHandler<SecurityGroupRuleEntity> {
    private static final String GROUP_ID = "security_group_id";
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("id", "id"),
            Map.entry(GROUP_ID, "securityGroupId"), Map.entry("remote_group_id", "remoteGroupId"),
            Map.entry("direction", "direction"), Map.entry("protocol", "protocol"),
            Map.entry("port_range_min", "portRangeMin"), Map.entry("port_range_max", "portRangeMax"),
            Map.entry("ethertype", "ethertype"), Map.entry("remote_ip_prefix", "remoteIpPrefix"),
            Map.entry("tenant_id", "projectId"), Map.entry("project_id", "projectId"),
            Map.entry("description", "description"));

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    SecurityGroups groups;

    @Reference
    CallbackRegistry callbacks;

    public SecurityGroupRuleHandler() {
        super(SecurityGroupRuleEntity.class, "SecurityGroupRule", COLUMNS);
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
        return "security_group_rule";
    }

    /**
     * Neutron's native bulk: one group and one project per request, each rule valid and its
     * groups there, no rule twice in the request (in that order, as Neutron checks); all or none.
     */
    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> rules) {
        Set<Object> groupIds = new HashSet<>();
        Set<Object> projects = new HashSet<>();
        for (Map<String, Object> r : rules) {
            groupIds.add(r.get(GROUP_ID));
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
        if (rules.size() > 1) {
            Set<String> keys = new HashSet<>();
            jpa.tx(TransactionType.Supports, em -> rules.forEach(r -> keys.add(checked(em, r).ruleKey)));
            if (keys.size() < rules.size()) {
                throw NeutronException.conflict("DuplicateSecurityGroupRuleInPost",
                        "Duplicate Security Group Rule in POST.");
            }
        }
        return super.createBulk(context, rules);
    }

    /** The rule of a body, checked, with its groups found (404 SecurityGroupNotFound); not stored. */
    private SecurityGroupRuleEntity checked(EntityManager em, Map<String, Object> body) {
        SecurityGroupRuleEntity e = newEntity(null, body);
        if (e.remoteGroupId != null) {
            SecurityGroups.group(em, e.remoteGroupId);
        }
        e.group = SecurityGroups.group(em, (String) body.get(GROUP_ID));
        return e;
    }

    /** A rule already in the group is 409 SecurityGroupRuleExists. */
    @Override
    protected SecurityGroupRuleEntity insert(EntityManager em, RequestContext context, Map<String, Object> body) {
        SecurityGroupRuleEntity e = checked(em, body);
        for (SecurityGroupRuleEntity existing : e.group.rules) {
            if (existing.ruleKey.equals(e.ruleKey)) {
                throw NeutronException.conflict("SecurityGroupRuleExists",
                        "Security group rule already exists. Rule id is " + existing.id + ".");
            }
        }
        e.group.addRule(e);
        em.persist(e);
        return e;
    }

    @Override
    protected SecurityGroupRuleEntity newEntity(RequestContext context, Map<String, Object> body) {
        RuleChecks.Rule rule = RuleChecks.check(body);
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
        return e;
    }

    /** Only the description can change; the attribute map makes everything else read-only. */
    @Override
    protected void apply(SecurityGroupRuleEntity e, Map<String, Object> changes) {
        e.applyDescription(changes);
    }

    /** Removing it is a revision of its group. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, SecurityGroupRuleEntity rule) {
        rule.group.removeRule(rule);
    }

    @Override
    protected Map<String, Object> toMap(SecurityGroupRuleEntity e) {
        return e.toMap();
    }

    /** Neutron ensures the default group of the project whose rules are listed, as for groups. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        groups.ensureDefaultForList(context, query.filters());
        return super.list(context, query);
    }

    @Override
    protected NeutronException notFound(String id) {
        return new NeutronException(404, "SecurityGroupRuleNotFound", "Security group rule " + id
                + " does not exist");
    }
}
