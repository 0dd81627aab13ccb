package org.nucleon.qos.binding;

import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.qos.policy.Policies;
import org.nucleon.qos.policy.PolicyEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps {@code qos_policy_id} of the core plugin's networks and ports in this plugin's table,
 * inside the core plugin's transaction: a policy unknown to the caller (neither its own nor
 * shared with it) vetoes the create or update. A new network without a policy gets its
 * project's default one (qos-default), as Neutron's.
 */
@Component(service = ResourceCallback.class, property = {
    ResourceCallback.RESOURCE + "=" + Bindings.NETWORK, ResourceCallback.RESOURCE + "=" + Bindings.PORT,
    ResourceCallback.EVENTS + "=precommit_create", ResourceCallback.EVENTS + "=precommit_update",
    ResourceCallback.EVENTS + "=precommit_delete"})
public class PolicyBindings implements ResourceCallback {
    static final String QOS_POLICY_ID = "qos_policy_id";

    private final JpaTemplate jpa;
    private final RbacPolicies rbac;

    /** @param rbac whom the policies are shared with: a project attaches its own or those */
    @Activate
    public PolicyBindings(@Reference(target = "(osgi.unit.name=nucleon-qos)") JpaTemplate jpa,
            @Reference RbacPolicies rbac) {
        this.jpa = jpa;
        this.rbac = rbac;
    }

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> {
            if (event.event() == Event.PRECOMMIT_DELETE) {
                bind(em, event.resource(), event.id(), null, null);
                return;
            }
            Map<String, Object> request = event.request();
            boolean create = event.event() == Event.PRECOMMIT_CREATE;
            if (request == null || !create && !request.containsKey(QOS_POLICY_ID)) {
                return;
            }
            String policyId = (String) request.get(QOS_POLICY_ID);
            PolicyEntity policy = policyId == null ? null : Policies.visible(em, rbac, event.context(), policyId);
            String project = (String) event.state().get("tenant_id");
            if (policy == null && create && Bindings.NETWORK.equals(event.resource())) {
                policy = Policies.defaultOf(em, project);
            }
            bind(em, event.resource(), event.id(), project, policy);
        });
    }

    /** Sets or, for a null policy, removes the resource's binding; an old row learns its project. */
    private static void bind(EntityManager em, String resourceType, String resourceId, String project,
            PolicyEntity policy) {
        BindingEntity b = em.find(BindingEntity.class, resourceId);
        if (policy == null) {
            if (b != null) {
                em.remove(b);
            }
        } else if (b == null) {
            em.persist(new BindingEntity(resourceId, resourceType, project, policy));
        } else {
            b.policy = policy;
            if (b.projectId == null) {
                b.projectId = project;
            }
        }
    }
}
