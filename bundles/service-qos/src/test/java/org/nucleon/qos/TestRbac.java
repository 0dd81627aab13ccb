package org.nucleon.qos;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.rbac.RbacPolicies;

/**
 * The core plugin's RBAC policies as this bundle sees them, in memory: grants and the wildcard
 * that {@code shared} writes. Refusing a revocation in use is the core plugin's (its tests).
 */
public final class TestRbac implements RbacPolicies {
    /** One policy: who may do what with which object. */
    public record Grant(String objectType, String objectId, String action, String target) {
    }

    public final Set<Grant> grants = ConcurrentHashMap.newKeySet();

    /** An access_as_shared policy of a QoS policy for a project or everyone. */
    public void share(String policyId, String target) {
        grants.add(new Grant("qos_policy", policyId, ACCESS_AS_SHARED, target));
    }

    @Override
    public Set<String> withPolicy(String objectType, Collection<String> objectIds, String action, String target) {
        return grants.stream().filter(g -> g.objectType.equals(objectType) && g.action.equals(action)
                && (objectIds == null || objectIds.contains(g.objectId)) && (target == null || target.equals(g.target)))
                .map(Grant::objectId).collect(Collectors.toSet());
    }

    @Override
    public Set<String> grantedTo(String objectType, String projectId) {
        return grants.stream().filter(g -> g.objectType.equals(objectType) && (WILDCARD.equals(g.target)
                || g.target.equals(projectId))).map(Grant::objectId).collect(Collectors.toSet());
    }

    @Override
    public void setShared(RequestContext context, String objectType, String objectId, String owner, boolean shared) {
        Grant wildcard = new Grant(objectType, objectId, ACCESS_AS_SHARED, WILDCARD);
        if (shared) {
            grants.add(wildcard);
        } else {
            grants.remove(wildcard);
        }
    }

    @Override
    public void objectDeleted(String objectType, String objectId) {
        grants.removeIf(g -> g.objectType.equals(objectType) && g.objectId.equals(objectId));
    }
}
