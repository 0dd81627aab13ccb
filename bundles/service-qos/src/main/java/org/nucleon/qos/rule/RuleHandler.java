package org.nucleon.qos.rule;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.persistence.ListQueries;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.qos.policy.PolicyEntity;
import org.nucleon.qos.policy.Policies;

/**
 * The rules of one type. Bound to a policy ({@link #under}) it serves
 * {@code /qos/policies/<policy>/<type>_rules}; unbound it serves the qos-rules-alias collection,
 * which reaches a rule by its id alone (show, update, delete).
 */
public class RuleHandler extends JpaResourceHandler<RuleEntity> {
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "direction", "direction", "max_kbps",
            "maxKbps", "max_burst_kbps", "maxBurstKbps", "dscp_mark", "dscpMark", "min_kbps", "minKbps");

    private final RuleType type;
    private final Supplier<JpaTemplate> jpa;
    private final RbacPolicies rbac;
    /** The policy of a sub-resource request; null for the alias routes. */
    private final String policyId;

    /** @param rbac whom the policies, and so their rules, are shared with */
    public RuleHandler(RuleType type, Supplier<JpaTemplate> jpa, RbacPolicies rbac) {
        this(type, jpa, rbac, null);
    }

    private RuleHandler(RuleType type, Supplier<JpaTemplate> jpa, RbacPolicies rbac, String policyId) {
        super(RuleEntity.class, "QosRule", COLUMNS);
        this.type = type;
        this.jpa = jpa;
        this.rbac = rbac;
        this.policyId = policyId;
    }

    /** The rules of this type under one policy: what the REST layer serves a sub-resource request with. */
    @Override
    public ResourceHandler under(String parentId) {
        return new RuleHandler(type, jpa, rbac, parentId);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa.get();
    }

    @Override
    protected RuleEntity newEntity(RequestContext ctx, Map<String, Object> rule) {
        RuleEntity r = new RuleEntity();
        r.id = UUID.randomUUID().toString();
        r.type = type;
        return r;
    }

    @Override
    protected void apply(RuleEntity r, Map<String, Object> changes) {
        type.attributes().stream().filter(changes::containsKey).forEach(a -> r.set(a, changes.get(a)));
    }

    @Override
    public List<Map<String, Object>> createBulk(RequestContext ctx, List<Map<String, Object>> rules) {
        if (policyId == null) {
            throw NeutronException.httpNotFound();
        }
        return super.createBulk(ctx, rules);
    }

    @Override
    protected RuleEntity insert(EntityManager em, RequestContext ctx, Map<String, Object> rule) {
        PolicyEntity p = Policies.visible(em, rbac, ctx, policyId);
        RuleEntity r = newEntity(ctx, rule);
        r.policy = p;
        apply(r, rule);
        refuseConflict(em, r, r.direction);
        em.persist(r);
        p.rules().add(r);
        Policies.revise(em, p);
        return r;
    }

    @Override
    protected void change(EntityManager em, RequestContext ctx, RuleEntity r, Map<String, Object> changes) {
        // checked before the change, which a query would flush into the unique key first
        refuseConflict(em, r, (String) changes.getOrDefault("direction", r.direction));
        apply(r, changes);
        Policies.revise(em, r.policy);
    }

    @Override
    protected void beforeRemove(EntityManager em, RequestContext ctx, RuleEntity r) {
        r.policy.rules().remove(r);
        Policies.revise(em, r.policy);
    }

    /** One rule of a type and direction per policy: the unique key guards it, this names it as Neutron. */
    private void refuseConflict(EntityManager em, RuleEntity r, String direction) {
        List<String> others = em.createQuery("SELECT r.id FROM RuleEntity r WHERE r.policy = :p AND r.type = :t "
                + "AND r.direction = :d AND r.id <> :id", String.class).setParameter("p", r.policy)
                .setParameter("t", type).setParameter("d", direction).setParameter("id", r.id).getResultList();
        if (!others.isEmpty()) {
            throw NeutronException.conflict("QoSRulesConflict", "Rule " + type.typeName() + " conflicts with rule "
                    + others.get(0) + " which already exists in QoS Policy " + r.policy.id() + ".");
        }
    }

    @Override
    public Map<String, Object> get(RequestContext ctx, String id) {
        return jpa().txExpr(TransactionType.Supports, em -> view(em, find(em, ctx, id)));
    }

    /** After the caller's view is checked; the transaction finds the rule again. */
    @Override
    public Map<String, Object> update(RequestContext ctx, String id, Map<String, Object> changes) {
        get(ctx, id);
        return super.update(ctx, id, changes);
    }

    @Override
    public void delete(RequestContext ctx, String id) {
        get(ctx, id);
        super.delete(ctx, id);
    }

    @Override
    protected RuleEntity find(EntityManager em, String id) {
        return find(em, null, id);
    }

    /**
     * The rule of this type, as the caller sees it (everyone's when null): under a policy, the
     * policy is looked up first (QosPolicyNotFound), then the rule in it (QosRuleNotFound).
     */
    private RuleEntity find(EntityManager em, RequestContext ctx, String id) {
        if (policyId != null) {
            PolicyEntity p = em.find(PolicyEntity.class, policyId);
            if (p == null || ctx != null && !Policies.canSee(rbac, ctx, p)) {
                throw Policies.notFound(policyId);
            }
        }
        RuleEntity r = em.find(RuleEntity.class, id);
        if (r == null || r.type != type || policyId != null && !policyId.equals(r.policyId())
                || ctx != null && !Policies.canSee(rbac, ctx, r.policy)) {
            throw notFound(id);
        }
        return r;
    }

    @Override
    protected NeutronException notFound(String id) {
        return new NeutronException(404, "QosRuleNotFound", "QoS rule " + id + " for policy "
                + (policyId == null ? "" : policyId) + " could not be found.");
    }

    /** The policy's rules of this type; the alias collection has no list. */
    @Override
    public List<Map<String, Object>> list(RequestContext ctx, ListQuery query) {
        if (policyId == null) {
            throw NeutronException.httpNotFound();
        }
        return jpa().txExpr(TransactionType.Supports, em -> {
            Policies.visible(em, rbac, ctx, policyId);
            CriteriaBuilder cb = em.getCriteriaBuilder();
            // the policy, looked up as the caller sees it, scopes its rules
            return views(em, ListQueries.list(em, RuleEntity.class, query, COLUMNS, this::notFound, ListQueries.all(),
                    root -> cb.and(cb.equal(root.get("policy").get("id"), policyId), cb.equal(root.get("type"), type))));
        });
    }

    @Override
    protected Map<String, Object> toMap(RuleEntity r) {
        return r.toMap();
    }
}
