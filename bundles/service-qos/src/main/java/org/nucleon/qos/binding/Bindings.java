package org.nucleon.qos.binding;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.qos.policy.PolicyEntity;

/** The policies of networks and ports, as stored by {@link PolicyBindings}. */
public final class Bindings {
    public static final String NETWORK = "network";
    static final String PORT = "port";

    private Bindings() {
    }

    /**
     * QosPolicyInUse while some network or port has the policy, naming one as Neutron does.
     * Bindings of resources deleted while this plugin was not installed are dropped instead.
     *
     * @param gone whether the core plugin says a resource (type, id) no longer exists
     */
    public static void refuseInUse(EntityManager em, PolicyEntity p, BiPredicate<String, String> gone) {
        List<BindingEntity> users = em.createQuery("SELECT b FROM BindingEntity b WHERE b.policy = :p "
                + "ORDER BY b.resourceType, b.resourceId", BindingEntity.class).setParameter("p", p).getResultList();
        for (BindingEntity b : users) {
            if (!gone.test(b.resourceType, b.resourceId)) {
                throw NeutronException.conflict("QosPolicyInUse", "QoS Policy " + p.id() + " is used by "
                        + b.resourceType + " " + b.resourceId + ".");
            }
            em.remove(b);
        }
    }

    /**
     * The projects whose networks and ports have the policy (Neutron's get_bound_project_ids).
     * A row bound before its project was kept asks {@code projectOf} (type, id), whose null
     * means unknown.
     */
    public static Set<String> projectsUsing(EntityManager em, String policyId,
            BiFunction<String, String, String> projectOf) {
        Set<String> projects = new HashSet<>(em.createQuery("SELECT DISTINCT b.projectId FROM BindingEntity b "
                + "WHERE b.policy.id = :p AND b.projectId IS NOT NULL", String.class).setParameter("p", policyId)
                .getResultList());
        em.createQuery("SELECT b FROM BindingEntity b WHERE b.policy.id = :p AND b.projectId IS NULL",
                BindingEntity.class).setParameter("p", policyId).getResultList().forEach(b -> {
                    String project = projectOf.apply(b.resourceType, b.resourceId);
                    if (project != null) {
                        projects.add(project);
                    }
                });
        return projects;
    }

    /**
     * Resource id to policy id, for those of the resources that have one: a page's id range in one read
     * (a resource has one binding at most), or IN lists for a few ids or a spread-out page (PageKeys).
     */
    static Map<String, String> policiesOf(EntityManager em, Collection<String> resourceIds) {
        Map<String, String> out = new HashMap<>();
        PageKeys.unchecked(resourceIds, 2 * resourceIds.size()).query(em,
                "SELECT b.resourceId, b.policy.id FROM BindingEntity b WHERE %s ORDER BY b.resourceId",
                "b.resourceId", Object[].class, row -> (String) row[0])
                .forEach(row -> out.put((String) row[0], (String) row[1]));
        return out;
    }
}
