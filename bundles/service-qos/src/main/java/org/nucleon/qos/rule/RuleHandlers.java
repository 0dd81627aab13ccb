package org.nucleon.qos.rule;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.rbac.RbacPolicies;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes one rule handler per rule type and collection: the sub-resource under a policy and
 * its qos-rules-alias twin. One class serves all types, so they are registered here rather than
 * as one DS component each.
 */
@Component(immediate = true, service = {})
public class RuleHandlers {
    @Reference(target = "(osgi.unit.name=nucleon-qos)")
    JpaTemplate jpa;

    /** Whom the policies, and so their rules, are shared with. */
    @Reference
    RbacPolicies rbac;

    private final List<ServiceRegistration<ResourceHandler>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        for (RuleType t : RuleType.values()) {
            for (String collection : List.of(t.collection(), t.aliasCollection())) {
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(ResourceHandler.COLLECTION, collection);
                registrations.add(context.registerService(ResourceHandler.class, new RuleHandler(t, () -> jpa, rbac),
                        props));
            }
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
