package org.nucleon.ml2.addressscope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.api.rbac.RbacJpaHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Address scopes: a name space subnet pools share, within which their prefixes are unique. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=address_scopes")
public class AddressScopeHandler extends RbacJpaHandler<AddressScopeEntity> {
    static final String OBJECT_TYPE = "address_scope";

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    RbacPolicies rbac;

    public AddressScopeHandler() {
        super(AddressScopeEntity.class, "AddressScope", Map.of("id", "id", "name", "name", "tenant_id", "projectId",
                "project_id", "projectId", "ip_version", "ipVersion"), OBJECT_TYPE, e -> e.id, e -> e.projectId);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected RbacPolicies rbac() {
        return rbac;
    }

    /** A shared scope stays shared, as in Neutron. */
    @Override
    protected void check(EntityManager em, AddressScopeEntity e, Map<String, Object> changes, boolean create) {
        if (!create && Boolean.FALSE.equals(changes.get(RbacPolicies.SHARED)) && shared(e)) {
            throw new NeutronException(400, "AddressScopeUpdateError", "Unable to update address scope " + e.id
                    + " : Shared address scope can't be unshared");
        }
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
    }

    @Override
    protected Map<String, Object> toMap(AddressScopeEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        m.put(RbacPolicies.SHARED, false); // views() reads it from the policies
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
        super.beforeRemove(em, context, e);
    }

    private static boolean inUse(EntityManager em, String id) {
        return !em.createQuery("SELECT p.id FROM SubnetPoolEntity p WHERE p.addressScopeId = :s", String.class)
                .setParameter("s", id).setMaxResults(1).getResultList().isEmpty();
    }
}
