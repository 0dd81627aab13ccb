package org.nucleon.metering;

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

/** Metering labels: created and deleted, never updated, as in Neutron; deleting one deletes its rules. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=metering_labels")
public class MeteringLabelHandler extends JpaResourceHandler<MeteringLabelEntity> {
    static final String TENANT_ID = "tenant_id";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name", "description",
            "description", TENANT_ID, "projectId", "project_id", "projectId", "shared", "shared");

    @Reference(target = "(osgi.unit.name=nucleon-metering)")
    JpaTemplate jpa;

    public MeteringLabelHandler() {
        super(MeteringLabelEntity.class, "MeteringLabel", COLUMNS);
    }

    /** Neutron's MeteringLabelNotFound, also when a rule names a label that does not exist. */
    static NeutronException labelNotFound(String id) {
        return new NeutronException(404, "MeteringLabelNotFound", "Metering label '" + id + "' does not exist.");
    }

    /**
     * Neutron's metering plugin has no update methods: its API answers 501 once the body passed
     * the attribute checks (an empty one does; every attribute is read-only or POST-only).
     */
    static NeutronException notImplemented() {
        return new NeutronException(501, "NotImplementedError", "");
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected NeutronException notFound(String id) {
        return labelNotFound(id);
    }

    @Override
    protected MeteringLabelEntity newEntity(RequestContext context, Map<String, Object> label) {
        MeteringLabelEntity e = new MeteringLabelEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) label.get(TENANT_ID);
        return e;
    }

    @Override
    protected void apply(MeteringLabelEntity e, Map<String, Object> label) {
        e.name = (String) label.getOrDefault("name", "");
        e.description = (String) label.getOrDefault("description", "");
        e.shared = Boolean.TRUE.equals(label.get("shared"));
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        throw notImplemented();
    }

    /** The rules go with the label, as Neutron's foreign key cascades. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, MeteringLabelEntity e) {
        em.createQuery("DELETE FROM MeteringLabelRuleEntity r WHERE r.labelId = :label")
                .setParameter("label", e.id).executeUpdate();
    }

    @Override
    protected Map<String, Object> toMap(MeteringLabelEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("description", e.description);
        m.put("shared", e.shared);
        m.put("project_id", e.projectId);
        m.put(TENANT_ID, e.projectId);
        return m;
    }
}
