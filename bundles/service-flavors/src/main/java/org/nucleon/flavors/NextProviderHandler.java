package org.nucleon.flavors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.plugin.ServiceProvider;
import org.nucleon.api.plugin.PartialHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /v2.0/flavors/{id}/next_providers}: Neutron's get_flavor_next_provider, the
 * provider serving a flavor, from the first service profile associated with it. (Neutron routes
 * the sub-resource but calls a plugin method of another name, so its own answer is a 500.)
 * Other plugins ask it for a flavor's provider, as Neutron's L3 plugin does for a router's flavor.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=flavors/next_providers")
public class NextProviderHandler extends PartialHandler {
    @Reference(target = "(osgi.unit.name=nucleon-flavors)")
    JpaTemplate jpa;

    @Reference
    ServicePlugins plugins;

    @Override
    public ResourceHandler under(String flavorId) {
        return new PartialHandler() {
            @Override
            public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
                return List.of(nextProvider(flavorId));
            }




        };
    }

    Map<String, Object> nextProvider(String flavorId) {
        ServiceProfileEntity profile = jpa.txExpr(TransactionType.Supports, em -> {
            List<String> bound = em.createQuery("SELECT b.serviceProfileId FROM BindingEntity b WHERE b.flavorId = :f"
                    + " ORDER BY b.serviceProfileId", String.class).setParameter("f", flavorId).setMaxResults(1)
                    .getResultList();
            if (bound.isEmpty()) {
                throw FlavorErrors.bindingNotFound("", flavorId);
            }
            ServiceProfileEntity p = em.find(ServiceProfileEntity.class, bound.get(0));
            if (p == null) {
                throw FlavorErrors.profileNotFound(bound.get(0));
            }
            return p;
        });
        if (!profile.enabled) {
            throw FlavorErrors.profileDisabled();
        }
        ServiceProvider provider = plugins.byDriver(profile.driver);
        if (provider == null) {
            throw FlavorErrors.driverNotFound(profile.driver);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driver", profile.driver);
        m.put("provider", provider.name());
        return m;
    }





}
