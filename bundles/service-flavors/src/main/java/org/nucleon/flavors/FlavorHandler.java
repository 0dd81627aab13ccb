package org.nucleon.flavors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Flavors, as Neutron's FlavorsDbMixin keeps them: anyone reads them, admins write them. A
 * flavor's {@code service_profiles} shows its associations; in a body it is checked and
 * otherwise ignored, as Neutron does (associations go through {@code /flavors/{id}/service_profiles}).
 * Deleting one publishes flavor events, so a plugin whose resources use it can refuse (FlavorInUse).
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=flavors")
public class FlavorHandler extends JpaResourceHandler<FlavorEntity> {
    static final String SERVICE_PROFILES = "service_profiles";
    private static final String ENABLED = "enabled";
    private static final String DESCRIPTION = "description";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name", DESCRIPTION,
            DESCRIPTION, "service_type", "serviceType", ENABLED, ENABLED);

    @Reference(target = "(osgi.unit.name=nucleon-flavors)")
    JpaTemplate jpa;

    @Reference
    ServicePlugins plugins;

    @Reference
    CallbackRegistry callbacks;

    public FlavorHandler() {
        super(FlavorEntity.class, "Flavor", COLUMNS);
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
        return "flavor";
    }

    @Override
    protected NeutronException notFound(String id) {
        return FlavorErrors.flavorNotFound(id);
    }

    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> flavors) {
        FlavorErrors.adminOnly(context, "create_flavor");
        // type:service_plugin_type: the type must be one a loaded plugin has
        for (Map<String, Object> f : flavors) {
            if (!plugins.loaded(f.get("service_type"))) {
                throw FlavorErrors.invalidServiceType(f.get("service_type"));
            }
        }
        return super.createBulk(context, flavors);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        FlavorErrors.adminOnly(context, "update_flavor");
        return super.update(context, id, changes);
    }

    @Override
    public void delete(RequestContext context, String id) {
        FlavorErrors.adminOnly(context, "delete_flavor");
        super.delete(context, id);
    }

    @Override
    protected FlavorEntity newEntity(RequestContext context, Map<String, Object> flavor) {
        FlavorEntity e = new FlavorEntity();
        e.id = UUID.randomUUID().toString();
        e.serviceType = (String) flavor.get("service_type");
        return e;
    }

    @Override
    protected void apply(FlavorEntity e, Map<String, Object> flavor) {
        if (flavor.containsKey("name")) {
            e.name = (String) flavor.get("name");
        }
        if (flavor.containsKey(DESCRIPTION)) {
            e.description = (String) flavor.get(DESCRIPTION);
        }
        // convert_to_boolean_if_not_none: null leaves the column as it is (true on create)
        if (flavor.get(ENABLED) != null) {
            e.enabled = (Boolean) flavor.get(ENABLED);
        }
    }

    /** Its associations go with it, as Neutron's binding rows cascade. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, FlavorEntity e) {
        em.createQuery("DELETE FROM BindingEntity b WHERE b.flavorId = :f").setParameter("f", e.id).executeUpdate();
    }

    /** The page's associations in one query. */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<FlavorEntity> flavors) {
        Map<String, List<String>> profiles = new HashMap<>();
        if (!flavors.isEmpty()) {
            em.createQuery("SELECT b FROM BindingEntity b WHERE b.flavorId IN :ids ORDER BY b.serviceProfileId",
                    BindingEntity.class).setParameter("ids", flavors.stream().map(f -> f.id).toList())
                    .getResultList().forEach(b -> profiles.computeIfAbsent(b.flavorId, k -> new ArrayList<>())
                            .add(b.serviceProfileId));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (FlavorEntity f : flavors) {
            Map<String, Object> m = toMap(f);
            m.put(SERVICE_PROFILES, profiles.getOrDefault(f.id, List.of()));
            out.add(m);
        }
        return out;
    }

    @Override
    protected Map<String, Object> toMap(FlavorEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put(DESCRIPTION, e.description);
        m.put("service_type", e.serviceType);
        m.put(ENABLED, e.enabled);
        m.put(SERVICE_PROFILES, List.of());
        return m;
    }
}
