package org.nucleon.ml2.securitygroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.rbac.RbacPolicies;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Security groups, each shown with its rules; a project's default group appears on first need. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=security_groups")
public class SecurityGroupHandler extends JpaResourceHandler<SecurityGroupEntity> {
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name", "tenant_id", "projectId",
            "project_id", "projectId", "description", "description");

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    SecurityGroups groups;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    RbacPolicies rbac;

    public SecurityGroupHandler() {
        super(SecurityGroupEntity.class, "SecurityGroup", COLUMNS);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    /** Neutron ensures the project's default group before creating any other. */
    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> group) {
        groups.ensureDefault(context, (String) group.get("tenant_id"));
        return super.create(context, group);
    }

    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> bodies) {
        new LinkedHashSet<>(bodies.stream().map(b -> (String) b.get("tenant_id")).toList())
                .forEach(p -> groups.ensureDefault(context, p));
        return super.createBulk(context, bodies);
    }

    @Override
    protected SecurityGroupEntity newEntity(RequestContext context, Map<String, Object> group) {
        // name and description follow in apply()
        return SecurityGroups.newGroup((String) group.get("tenant_id"), "", "");
    }

    @Override
    protected void apply(SecurityGroupEntity e, Map<String, Object> changes) {
        if (changes.containsKey("name")) {
            if (SecurityGroups.DEFAULT_NAME.equals(e.name)) {
                throw NeutronException.conflict("SecurityGroupCannotUpdateDefault",
                        "Updating default security group not allowed.");
            }
            e.name = (String) changes.get("name");
        }
        e.applyDescription(changes);
    }

    @Override
    protected Map<String, Object> toMap(SecurityGroupEntity e) {
        return e.toMap(e.rules);
    }

    @Override
    protected SecurityGroupEntity find(EntityManager em, String id) {
        return SecurityGroups.group(em, id);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        return jpa.txExpr(TransactionType.Supports, em -> toMap(findVisible(em, context, id)));
    }

    /** One query for the page's groups and one for all their rules. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        groups.ensureDefaultForList(context, query.filters());
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<SecurityGroupEntity> page = page(em, context, query, null);
            Map<String, List<SecurityGroupRuleEntity>> rules = new LinkedHashMap<>();
            page.forEach(g -> rules.put(g.id, new ArrayList<>()));
            if (!page.isEmpty()) {
                em.createQuery("SELECT r FROM SecurityGroupRuleEntity r WHERE r.securityGroupId IN :ids "
                        + "ORDER BY r.position", SecurityGroupRuleEntity.class)
                        .setParameter("ids", new ArrayList<>(rules.keySet())).getResultList()
                        .forEach(r -> rules.get(r.securityGroupId).add(r));
            }
            return page.stream().map(g -> g.toMap(rules.get(g.id))).toList();
        });
    }

    /**
     * As Neutron: refused while a port uses the group, and for the default group unless admin.
     * Rules of other groups that allow traffic from this one go with it, as Neutron's foreign key
     * cascades.
     */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, SecurityGroupEntity g) {
        if (groups.inUse(em, g.id)) {
            throw NeutronException.conflict("SecurityGroupInUse", "Security Group " + g.id + " in use.");
        }
        if (SecurityGroups.DEFAULT_NAME.equals(g.name) && !context.admin()) {
            throw NeutronException.conflict("SecurityGroupCannotRemoveDefault",
                    "Insufficient rights for removing default security group.");
        }
        em.createQuery("DELETE FROM DefaultSecurityGroupEntity d WHERE d.group = :g").setParameter("g", g)
                .executeUpdate();
        groups.forgetDeleted(g.id);
        // through the entities, so that the groups that lose a rule are revised
        em.createQuery("SELECT r FROM SecurityGroupRuleEntity r WHERE r.remoteGroupId = :id "
                + "AND r.securityGroupId <> :id", SecurityGroupRuleEntity.class).setParameter("id", g.id)
                .getResultList().forEach(r -> r.group.removeRule(r));
        rbac.objectDeleted(SecurityGroups.OBJECT_TYPE, g.id);
    }

    /** The groups a non-admin uses besides its own: those shared with it or with everyone (rbac-security-groups). */
    @Override
    protected Predicate sharedWith(RequestContext context, Root<SecurityGroupEntity> root, CriteriaBuilder cb) {
        return rbac.grantedTo(context, SecurityGroups.OBJECT_TYPE, root.get("id"), cb);
    }

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return SecurityGroups.EVENT_RESOURCE;
    }
}
