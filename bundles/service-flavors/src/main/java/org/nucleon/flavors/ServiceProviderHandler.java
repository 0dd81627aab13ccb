package org.nucleon.flavors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.PartialHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.plugin.ServiceProvider;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /v2.0/service-providers}: the providers the loaded plugins declare now, filtered by
 * any of their attributes, unpaged, as Neutron's ServiceTypeManager lists them. List only.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=service_providers")
public class ServiceProviderHandler extends PartialHandler {
    @Reference
    ServicePlugins plugins;

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceProvider p : plugins.providers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service_type", p.serviceType());
            m.put("name", p.name());
            m.put("default", p.isDefault());
            if (query.filters().entrySet().stream().allMatch(f -> f.getValue().stream()
                    .anyMatch(v -> String.valueOf(v).equalsIgnoreCase(String.valueOf(m.get(f.getKey())))))) {
                out.add(m);
            }
        }
        return out;
    }




}
