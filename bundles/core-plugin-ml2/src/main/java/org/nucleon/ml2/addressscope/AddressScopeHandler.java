package org.nucleon.ml2.addressscope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Address scopes: a name space subnet pools share, within which their prefixes are unique. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=address_scopes")
public class AddressScopeHandler extends JpaResourceHandler<AddressScopeEntity> {
    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    public AddressScopeHandler() {
        super(AddressScopeEntity.class, "AddressScope", Map.of("id", "id", "name", "name", "tenant_id", "projectId",
                "project_id", "projectId", "shared", "shared", "ip_version", "ipVersion"));
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected AddressScopeEntity newEntity(RequestContext context, Map<String, Object> scope) {
        AddressScopeEntity e = new AddressScopeEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) scope.get("tenant_id");
        e.ipVersion = (Integer) scope.get("ip_version");
        return e;
    }

    @Override
    protected void apply(AddressScopeEntity e, Map<String, Object> scope) {
        if (scope.containsKey("name")) {
            e.name = (String) scope.get("name");
        }
        if (scope.containsKey("shared")) {
            e.shared = (Boolean) scope.get("shared");
        }
    }

    @Override
    protected Map<String, Object> toMap(AddressScopeEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        m.put("shared", e.shared);
        m.put("ip_version", e.ipVersion);
        m.put("project_id", e.projectId);
        return m;
    }

    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, AddressScopeEntity e) {
        if (inUse(em, e.id)) {
            throw NeutronException.conflict("AddressScopeInUse", "Unable to complete operation on address scope "
                    + e.id + ". There are one or more subnet pools in use on the address scope.");
        }
    }

    private static boolean inUse(EntityManager em, String id) {
        return !em.createQuery("SELECT p.id FROM SubnetPoolEntity p WHERE p.addressScopeId = :s", String.class)
                .setParameter("s", id).setMaxResults(1).getResultList().isEmpty();
    }
}
