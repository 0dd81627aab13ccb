package org.nucleon.qos.binding;

import java.util.List;
import java.util.Map;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shows {@code qos_policy_id} on the core plugin's networks (null without a policy). */
@Component(service = ResourceExtender.class, property = ResourceHandler.COLLECTION + "=networks")
public class NetworkPolicyExtender implements ResourceExtender {
    private final JpaTemplate jpa;

    @Activate
    public NetworkPolicyExtender(@Reference(target = "(osgi.unit.name=nucleon-qos)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public void extend(RequestContext context, List<Map<String, Object>> networks) {
        Map<String, String> policies = jpa.txExpr(TransactionType.Supports,
                em -> Bindings.policiesOf(em, networks.stream().map(n -> (String) n.get("id")).toList()));
        networks.forEach(n -> n.put(PolicyBindings.QOS_POLICY_ID, policies.get((String) n.get("id"))));
    }
}
