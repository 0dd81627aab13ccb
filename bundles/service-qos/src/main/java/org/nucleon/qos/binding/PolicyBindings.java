package org.nucleon.qos.binding;

import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.qos.policy.Policies;
import org.nucleon.qos.policy.PolicyEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps {@code qos_policy_id} of the core plugin's networks and ports in this plugin's table,
 * inside the core plugin's transaction: an unknown policy vetoes the create or update. A new
 * network without a policy gets its project's default one (qos-default), as Neutron's.
 */
@Component(service = ResourceCallback.class, property = {
    ResourceCallback.RESOURCE + "=" + Bindings.NETWORK, ResourceCallback.RESOURCE + "=" + Bindings.PORT,
    ResourceCallback.EVENTS + "=precommit_create", ResourceCallback.EVENTS + "=precommit_update",
    ResourceCallback.EVENTS + "=precommit_delete"})
public class PolicyBindings implements ResourceCallback {
    static final String QOS_POLICY_ID = "qos_policy_id";

    private final JpaTemplate jpa;

    @Activate
    public PolicyBindings(@Reference(target = "(osgi.unit.name=nucleon-qos)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public void handle(ResourceEvent event) {
        jpa.tx(TransactionType.Required, em -> {
            if (event.event() == Event.PRECOMMIT_DELETE) {
                bind(em, event.resource(), event.id(), null);
                return;
            }
            Map<String, Object> request = event.request();
            boolean create = event.event() == Event.PRECOMMIT_CREATE;
            if (request == null || !create && !request.containsKey(QOS_POLICY_ID)) {
                return;
            }
            String policyId = (String) request.get(QOS_POLICY_ID);
            PolicyEntity policy = policyId == null ? null : Policies.visible(em, event.context(), policyId);
            if (policy == null && create && Bindings.NETWORK.equals(event.resource())) {
                policy = Policies.defaultOf(em, (String) event.state().get("tenant_id"));
            }
            bind(em, event.resource(), event.id(), policy);
        });
    }

    /** Sets or, for a null policy, removes the resource's binding. */
    private static void bind(EntityManager em, String resourceType, String resourceId, PolicyEntity policy) {
        BindingEntity b = em.find(BindingEntity.class, resourceId);
        if (policy == null) {
            if (b != null) {
                em.remove(b);
            }
        } else if (b == null) {
            em.persist(new BindingEntity(resourceId, resourceType, policy));
        } else {
            b.policy = policy;
        }
    }
}
