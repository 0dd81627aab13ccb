package org.nucleon.qos.binding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.rbac.RbacPolicies;

/** The binding components wired to a test database, with the events the core plugin would publish. */
public final class TestBindings {
    public final PolicyBindings callback;
    public final NetworkPolicyExtender networks;
    public final PortPolicyExtender ports;

    public TestBindings(JpaTemplate jpa, RbacPolicies rbac) {
        callback = new PolicyBindings(jpa, rbac);
        networks = new NetworkPolicyExtender(jpa);
        ports = new PortPolicyExtender(jpa);
    }

    /** PRECOMMIT_CREATE of a network or port with its request body and created state. */
    public void created(RequestContext context, String resource, String id, Map<String, Object> state,
            Map<String, Object> request) {
        callback.handle(new ResourceEvent(resource, Event.PRECOMMIT_CREATE, context, id, state, null, request));
    }

    public void updated(RequestContext context, String resource, String id, Map<String, Object> request) {
        callback.handle(new ResourceEvent(resource, Event.PRECOMMIT_UPDATE, context, id, Map.of("id", id), null,
                request));
    }

    public void deleted(RequestContext context, String resource, String id) {
        callback.handle(new ResourceEvent(resource, Event.PRECOMMIT_DELETE, context, id, Map.of("id", id),
                Map.of("id", id), null));
    }

    /** The network as the extender shows it. */
    public Map<String, Object> network(String id) {
        List<Map<String, Object>> items = new ArrayList<>(List.of(new HashMap<>(Map.of("id", id))));
        networks.extend(null, items);
        return items.get(0);
    }

    public Map<String, Object> port(String id, String networkId) {
        List<Map<String, Object>> items = new ArrayList<>(List.of(new HashMap<>(Map.of("id", id,
                "network_id", networkId))));
        ports.extend(null, items);
        return items.get(0);
    }
}
