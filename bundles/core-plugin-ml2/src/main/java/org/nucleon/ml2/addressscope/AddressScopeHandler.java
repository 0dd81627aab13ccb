package org.nucleon.ml2.addressscope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.rbac.RbacPolicies;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Address scopes: a name space subnet pools share, within which their prefixes are unique. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=address_scopes")
public class AddressScopeHandler extends JpaResourceHandler<AddressScopeEntity> {
    static final String OBJECT_TYPE = "address_scope";

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    RbacPolicies rbac;

    public AddressScopeHandler() {
        super(AddressScopeEntity.class, "AddressScope", Map.of("id", "id", "name", "name", "tenant_id", "projectId",
                "project_id", "projectId", "ip_version", "ipVersion"));
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
        rbac.objectDeleted(OBJECT_TYPE, e.id);
    }

    /** {@code shared} is the owner's wildcard access_as_shared policy (Neutron's RBAC-backed scopes). */
    @Override
    protected AddressScopeEntity insert(EntityManager em, RequestContext context, Map<String, Object> scope) {
        AddressScopeEntity e = super.insert(em, context, scope);
        rbac.writeShared(context, OBJECT_TYPE, e.id, e.projectId, scope);
        return e;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, AddressScopeEntity e,
            Map<String, Object> changes) {
        if (Boolean.FALSE.equals(changes.get(RbacPolicies.SHARED)) && !rbac.withPolicy(OBJECT_TYPE, List.of(e.id),
                RbacPolicies.ACCESS_AS_SHARED, RbacPolicies.WILDCARD).isEmpty()) {
            throw new NeutronException(400, "AddressScopeUpdateError", "Unable to update address scope " + e.id
                    + " : Shared address scope can't be unshared");
        }
        super.change(em, context, e, changes);
        rbac.writeShared(context, OBJECT_TYPE, e.id, e.projectId, changes);
    }

    @Override
    protected List<Map<String, Object>> views(EntityManager em, RequestContext context,
            List<AddressScopeEntity> scopes) {
        List<Map<String, Object>> out = super.views(em, scopes);
        rbac.showShared(context, OBJECT_TYPE, out);
        return out;
    }

    @Override
    protected Predicate filter(RequestContext context, ListQuery query, Root<AddressScopeEntity> root,
            CriteriaBuilder cb) {
        return rbac.sharedFilter(context, OBJECT_TYPE, query, root.get("id"), cb);
    }

    /** The scopes a non-admin uses besides its own: those shared with it or with everyone. */
    @Override
    protected Predicate sharedWith(RequestContext context, Root<AddressScopeEntity> root, CriteriaBuilder cb) {
        return rbac.grantedTo(context, OBJECT_TYPE, root.get("id"), cb);
    }

    private static boolean inUse(EntityManager em, String id) {
        return !em.createQuery("SELECT p.id FROM SubnetPoolEntity p WHERE p.addressScopeId = :s", String.class)
                .setParameter("s", id).setMaxResults(1).getResultList().isEmpty();
    }
}
