package org.nucleon.qos.policy;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.Visibility;
import org.nucleon.api.rbac.RbacPolicies;

/** Looking policies up as Neutron does for the caller: others' policies exist only when shared with it. */
public final class Policies {
    /** Neutron's RBAC object type of QoS policies. */
    public static final String OBJECT_TYPE = "qos_policy";

    private Policies() {
    }

    public static NeutronException notFound(String id) {
        return new NeutronException(404, "QosPolicyNotFound", "QoS policy " + id + " could not be found.");
    }

    /** The policy the caller may see, or QosPolicyNotFound. */
    public static PolicyEntity visible(EntityManager em, RbacPolicies rbac, RequestContext context, String id) {
        PolicyEntity p = id == null ? null : em.find(PolicyEntity.class, id);
        if (p == null || !canSee(rbac, context, p)) {
            throw notFound(id);
        }
        return p;
    }

    /** Its own, or shared with its project or everyone by an access_as_shared policy; all to admins. */
    public static boolean canSee(RbacPolicies rbac, RequestContext context, PolicyEntity p) {
        return !Visibility.scoped(context) || rbac.usable(context, OBJECT_TYPE, p.id, p.projectId);
    }

    /** The project's default policy (qos-default), or null. */
    public static PolicyEntity defaultOf(EntityManager em, String projectId) {
        DefaultPolicyEntity d = projectId == null ? null : em.find(DefaultPolicyEntity.class, projectId);
        return d == null ? null : d.policy;
    }

    /** Which of the policies are their project's default, in one query. */
    static Set<String> defaults(EntityManager em, Collection<String> policyIds) {
        if (policyIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = em.createQuery("SELECT d.policy.id FROM DefaultPolicyEntity d WHERE d.policy.id IN :ids",
                String.class).setParameter("ids", policyIds).getResultList();
        return new HashSet<>(ids);
    }

    /** A rule changed: as in Neutron, the policy's revision moves on (at commit). */
    public static void revise(EntityManager em, PolicyEntity p) {
        em.lock(p, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    }
}
