package org.nucleon.example.widgets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The widgets collection, stored in the vendor's own persistence unit. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=widgets")
public class WidgetHandler extends JpaResourceHandler<WidgetEntity> {
    @Reference(target = "(osgi.unit.name=nucleon-example-widgets)")
    JpaTemplate jpa;

    public WidgetHandler() {
        super(WidgetEntity.class, "Widget", Map.of("id", "id", "name", "name", "color", "color", "tenant_id",
                "projectId", "project_id", "projectId"));
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected WidgetEntity newEntity(RequestContext context, Map<String, Object> widget) {
        WidgetEntity e = new WidgetEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) widget.get("tenant_id");
        return e;
    }

    @Override
    protected void apply(WidgetEntity e, Map<String, Object> w) {
        if (w.containsKey("name")) {
            e.name = (String) w.get("name");
        }
        if (w.containsKey("color")) {
            e.color = (String) w.get("color");
        }
    }

    @Override
    protected Map<String, Object> toMap(WidgetEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("color", e.color);
        m.put("tenant_id", e.projectId);
        m.put("project_id", e.projectId);
        return m;
    }
}
