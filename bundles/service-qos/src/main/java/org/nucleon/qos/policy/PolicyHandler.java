package org.nucleon.qos.policy;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.rbac.LegacyFlags;
import org.nucleon.api.rbac.RbacJpaHandler;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.qos.binding.Bindings;
import org.nucleon.qos.rule.RuleEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /v2.0/qos/policies}: shown with their rules and whether they are their project's default.
 * {@code shared} is the owner's wildcard access_as_shared RBAC policy, as for networks: the core
 * plugin keeps the policies, this bundle publishes the object type ({@link QosObjectType}).
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=policies")
public class PolicyHandler extends RbacJpaHandler<PolicyEntity> {
    private static final String IS_DEFAULT = "is_default";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name",
            "tenant_id", "projectId", "project_id", "projectId", "description", "description");

    private final JpaTemplate jpa;
    private final RbacPolicies rbac;
    /** To tell a binding of a deleted network or port from a real user. */
    private final CoreResources core;

    @Reference
    CallbackRegistry callbacks;

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    /** Published so that what other bundles keep about a qos policy (its tags) follows it. */
    @Override
    protected String eventResource() {
        return "qos_policy";
    }

    @Activate
    public PolicyHandler(@Reference(target = "(osgi.unit.name=nucleon-qos)") JpaTemplate jpa,
            @Reference RbacPolicies rbac, @Reference CoreResources core) {
        super(PolicyEntity.class, "QosPolicy", COLUMNS, Policies.OBJECT_TYPE, PolicyEntity::id, p -> p.projectId);
        this.jpa = jpa;
        this.rbac = rbac;
        this.core = core;
        shareLegacyFlags();
    }

    /** Policies shared before they were an RBAC object type carry the flag in their column. */
    private void shareLegacyFlags() {
        jpa.tx(TransactionType.Required, em -> LegacyFlags.migrate(em, "PolicyEntity", "legacyShared",
                (id, owner) -> rbac.setShared(null, Policies.OBJECT_TYPE, id, owner, true)));
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected RbacPolicies rbac() {
        return rbac;
    }

    @Override
    protected PolicyEntity newEntity(RequestContext context, Map<String, Object> policy) {
        PolicyEntity p = new PolicyEntity();
        p.id = UUID.randomUUID().toString();
        p.projectId = (String) policy.get("tenant_id");
        return p;
    }

    @Override
    protected void apply(PolicyEntity p, Map<String, Object> changes) {
        if (changes.containsKey("name")) {
            p.name = (String) changes.get("name");
        }
        p.applyDescription(changes);
    }

    @Override
    protected PolicyEntity insert(EntityManager em, RequestContext context, Map<String, Object> policy) {
        PolicyEntity p = super.insert(em, context, policy);
        if (Boolean.TRUE.equals(policy.get(IS_DEFAULT))) {
            makeDefault(em, p);
        }
        return p;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, PolicyEntity p, Map<String, Object> changes) {
        // unsharing is refused (RbacPolicyInUse) while other projects' networks or ports use it
        super.change(em, context, p, changes);
        if (changes.containsKey(IS_DEFAULT)) {
            boolean isDefault = Policies.defaults(em, List.of(p.id)).contains(p.id);
            if (Boolean.TRUE.equals(changes.get(IS_DEFAULT)) && !isDefault) {
                makeDefault(em, p);
                Policies.revise(em, p);
            } else if (Boolean.FALSE.equals(changes.get(IS_DEFAULT)) && isDefault) {
                em.remove(em.find(DefaultPolicyEntity.class, p.projectId));
                Policies.revise(em, p);
            }
        }
    }

    /** One default per project: the primary key guards it, this check names it first. */
    private static void makeDefault(EntityManager em, PolicyEntity p) {
        if (Policies.defaultOf(em, p.projectId) != null) {
            throw NeutronException.conflict("QoSPolicyDefaultAlreadyExists",
                    "A default QoS policy exists for project " + p.projectId + ".");
        }
        DefaultPolicyEntity d = new DefaultPolicyEntity();
        d.projectId = p.projectId;
        d.policy = p;
        em.persist(d);
    }

    /** Refused while a network or port uses it, as Neutron; its rules, default mark and RBAC policies go with it. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, PolicyEntity p) {
        Bindings.refuseInUse(em, p, (type, id) -> core.gone(type, id, context.requestId()));
        DefaultPolicyEntity d = em.find(DefaultPolicyEntity.class, p.projectId);
        if (d != null && d.policy == p) {
            em.remove(d);
        }
        super.beforeRemove(em, context, p);
    }

    /** A policy's view needs its default mark and rules, which {@link #views} reads for a whole page. */
    @Override
    protected Map<String, Object> toMap(PolicyEntity p) {
        throw new UnsupportedOperationException("policies are shown through views()");
    }

    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<PolicyEntity> policies) {
        List<String> ids = policies.stream().map(PolicyEntity::id).toList();
        Set<String> defaults = Policies.defaults(em, ids);
        Map<String, List<RuleEntity>> rules = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT r FROM RuleEntity r WHERE r.policy.id IN :ids", RuleEntity.class)
                    .setParameter("ids", ids).getResultList()
                    .forEach(r -> rules.computeIfAbsent(r.policyId(), k -> new ArrayList<>()).add(r));
        }
        List<Map<String, Object>> out = new ArrayList<>(policies.size());
        policies.forEach(p -> out.add(p.toMap(defaults.contains(p.id), rules.getOrDefault(p.id, List.of()))));
        return out;
    }

    @Override
    protected NeutronException notFound(String id) {
        return Policies.notFound(id);
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        return jpa.txExpr(TransactionType.Supports, em -> view(em, context, Policies.visible(em, rbac, context, id)));
    }

    /** Others' policies, even shared ones, are not the caller's to change: 404 as for a missing one. */
    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        checkOwned(context, id);
        return super.update(context, id, changes);
    }

    @Override
    public void delete(RequestContext context, String id) {
        checkOwned(context, id);
        super.delete(context, id);
    }

    private void checkOwned(RequestContext context, String id) {
        jpa.tx(TransactionType.Supports, em -> {
            PolicyEntity p = Policies.visible(em, rbac, context, id);
            if (!context.admin() && !p.projectId.equals(context.projectId())) {
                throw notFound(id);
            }
        });
    }
}
