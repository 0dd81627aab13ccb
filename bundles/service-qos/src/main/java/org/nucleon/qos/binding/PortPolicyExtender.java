package org.nucleon.qos.binding;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shows on the core plugin's ports their own {@code qos_policy_id} and their network's
 * ({@code qos_network_policy_id}, qos-port-network-policy), both null when there is none.
 */
@Component(service = ResourceExtender.class, property = ResourceHandler.COLLECTION + "=ports")
public class PortPolicyExtender implements ResourceExtender {
    static final String NETWORK_ID = "network_id";

    private final JpaTemplate jpa;

    @Activate
    public PortPolicyExtender(@Reference(target = "(osgi.unit.name=nucleon-qos)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public void extend(RequestContext context, List<Map<String, Object>> ports) {
        Set<String> ids = new HashSet<>();
        ports.forEach(p -> {
            ids.add((String) p.get("id"));
            if (p.get(NETWORK_ID) != null) {
                ids.add((String) p.get(NETWORK_ID));
            }
        });
        Map<String, String> policies = jpa.txExpr(TransactionType.Supports, em -> Bindings.policiesOf(em, ids));
        ports.forEach(p -> {
            p.put(PolicyBindings.QOS_POLICY_ID, policies.get((String) p.get("id")));
            p.put("qos_network_policy_id", policies.get((String) p.get(NETWORK_ID)));
        });
    }
}
