package org.nucleon.flavors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.validation.Validators;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Service profiles, admins' only (Neutron's policies hide them from others): a driver that must
 * be a loaded provider's, or else metainfo; one associated with a flavor is neither changed nor
 * deleted (ServiceProfileInUse).
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=service_profiles")
public class ServiceProfileHandler extends JpaResourceHandler<ServiceProfileEntity> {
    private static final String DRIVER = "driver";
    private static final String METAINFO = "metainfo";
    private static final String ENABLED = "enabled";
    private static final String DESCRIPTION = "description";
    /** Neutron's column size; its map has no validator, so a longer or non-string value fails in its database. */
    private static final int METAINFO_MAX_LEN = 4096;
    private static final Map<String, String> COLUMNS = Map.of("id", "id", DESCRIPTION, DESCRIPTION, DRIVER, DRIVER,
            METAINFO, METAINFO, ENABLED, ENABLED);

    @Reference(target = "(osgi.unit.name=nucleon-flavors)")
    JpaTemplate jpa;

    @Reference
    ServicePlugins plugins;

    public ServiceProfileHandler() {
        super(ServiceProfileEntity.class, "ServiceProfile", COLUMNS);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected NeutronException notFound(String id) {
        return FlavorErrors.profileNotFound(id);
    }

    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> profiles) {
        FlavorErrors.adminOnly(context, "create_service_profile");
        for (Map<String, Object> p : profiles) {
            checkMetainfo(p);
            String driver = (String) p.get(DRIVER);
            if (driver != null && !driver.isEmpty()) {
                checkDriver(driver);
            } else if (p.get(METAINFO) == null || "".equals(p.get(METAINFO))) {
                throw FlavorErrors.profileEmpty();
            }
        }
        return super.createBulk(context, profiles);
    }

    /** A non-empty driver must be a provider's, as Neutron's _validate_driver. */
    private void checkDriver(String driver) {
        if (plugins.byDriver(driver) == null) {
            throw FlavorErrors.driverNotFound(driver);
        }
    }

    /** Neutron stores metainfo as text; anything else is bad input here rather than its database error. */
    private static void checkMetainfo(Map<String, Object> profile) {
        Object metainfo = profile.get(METAINFO);
        String reason = metainfo == null ? null : Validators.get("type:string").validate(metainfo, METAINFO_MAX_LEN);
        if (reason != null) {
            throw NeutronException.badRequest("Invalid input for " + METAINFO + ". Reason: " + reason + ".");
        }
    }

    /** Others see none, as Neutron's admin-only get_service_profile filters them out. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        return context != null && !context.admin() ? List.of() : super.list(context, query);
    }

    /** To others a profile does not exist: Neutron's 404 for a show its policy refuses. */
    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        if (context != null && !context.admin()) {
            throw new NeutronException(404, "HTTPNotFound", "The resource could not be found.");
        }
        return super.get(context, id);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        FlavorErrors.adminOnly(context, "update_service_profile");
        checkMetainfo(changes);
        if (changes.get(DRIVER) instanceof String driver && !driver.isEmpty()) {
            checkDriver(driver);
        }
        return super.update(context, id, changes);
    }

    @Override
    public void delete(RequestContext context, String id) {
        FlavorErrors.adminOnly(context, "delete_service_profile");
        super.delete(context, id);
    }

    /** Locked, so an association made meanwhile waits and then finds it changed or gone. */
    @Override
    protected ServiceProfileEntity find(EntityManager em, String id) {
        ServiceProfileEntity e = em.find(ServiceProfileEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw notFound(id);
        }
        return e;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, ServiceProfileEntity e,
            Map<String, Object> changes) {
        ensureNotInUse(em, e.id);
        super.change(em, context, e, changes);
    }

    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, ServiceProfileEntity e) {
        ensureNotInUse(em, e.id);
    }

    private static void ensureNotInUse(EntityManager em, String id) {
        if (!em.createQuery("SELECT b.flavorId FROM BindingEntity b WHERE b.serviceProfileId = :p")
                .setParameter("p", id).setMaxResults(1).getResultList().isEmpty()) {
            throw FlavorErrors.profileInUse(id);
        }
    }

    @Override
    protected ServiceProfileEntity newEntity(RequestContext context, Map<String, Object> profile) {
        ServiceProfileEntity e = new ServiceProfileEntity();
        e.id = UUID.randomUUID().toString();
        return e;
    }

    @Override
    protected void apply(ServiceProfileEntity e, Map<String, Object> profile) {
        if (profile.containsKey(DESCRIPTION)) {
            e.description = (String) profile.get(DESCRIPTION);
        }
        if (profile.containsKey(DRIVER)) {
            e.driver = (String) profile.get(DRIVER);
        }
        if (profile.containsKey(METAINFO)) {
            e.metainfo = (String) profile.get(METAINFO);
        }
        if (profile.get(ENABLED) != null) {
            e.enabled = (Boolean) profile.get(ENABLED);
        }
    }

    @Override
    protected Map<String, Object> toMap(ServiceProfileEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put(DESCRIPTION, e.description);
        m.put(DRIVER, e.driver);
        m.put(ENABLED, e.enabled);
        m.put(METAINFO, e.metainfo);
        return m;
    }
}
