package org.nucleon.ml2.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Networks of the ML2 plugin, persisted in its own unit. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=networks")
public class NetworkHandler extends JpaResourceHandler<NetworkEntity> {
    static final String ACTIVE = "ACTIVE";

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    CallbackRegistry callbacks;

    public NetworkHandler() {
        super(NetworkEntity.class, "Network", Map.of("id", "id", "name", "name", "tenant_id", "projectId",
                "project_id", "projectId", "admin_state_up", "adminStateUp", "status", "status", "shared", "shared"));
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return "network";
    }

    @Override
    protected NetworkEntity newEntity(RequestContext context, Map<String, Object> network) {
        NetworkEntity e = new NetworkEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) network.get("tenant_id");
        e.status = ACTIVE;
        return e;
    }

    @Override
    protected void apply(NetworkEntity e, Map<String, Object> n) {
        if (n.containsKey("name")) {
            e.name = (String) n.get("name");
        }
        if (n.containsKey("admin_state_up")) {
            e.adminStateUp = (Boolean) n.get("admin_state_up");
        }
        if (n.containsKey("shared")) {
            e.shared = (Boolean) n.get("shared");
        }
        e.applyDescription(n);
    }

    @Override
    protected Map<String, Object> toMap(NetworkEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        m.put("admin_state_up", e.adminStateUp);
        m.put("status", e.status);
        m.put("subnets", List.of());
        m.put("shared", e.shared);
        m.put("project_id", e.projectId);
        e.putStandardAttributes(m);
        return m;
    }
}
