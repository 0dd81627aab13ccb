package org.nucleon.flavors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ServiceProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The plugins loaded now, as Neutron's plugin directory and ServiceTypeManager see them: which
 * plugin types a flavor may name, and the service providers they declare. Plugins come and go
 * with their bundles, and every answer reflects the moment it is asked.
 */
@Component(service = ServicePlugins.class)
public class ServicePlugins {
    /** Each plugin with its arrival number, so providers list in the order plugins came. */
    private final Map<Plugin, Long> plugins = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPlugin(Plugin plugin) {
        plugins.put(plugin, arrivals.incrementAndGet());
    }

    void unbindPlugin(Plugin plugin) {
        plugins.remove(plugin);
    }

    /** Whether a plugin of this type is loaded (neutron-lib's validate_service_plugin_type). */
    boolean loaded(Object pluginType) {
        return plugins.keySet().stream().anyMatch(p -> p.pluginType().equals(pluginType));
    }

    /** Every declared provider, grouped by service type, each plugin's in its own order. */
    List<ServiceProvider> providers() {
        List<ServiceProvider> out = new ArrayList<>();
        plugins.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> out.addAll(e.getKey().serviceProviders()));
        out.sort(Comparator.comparing(ServiceProvider::serviceType));
        return out;
    }

    /** The provider a service profile's driver names, or null. */
    ServiceProvider byDriver(String driver) {
        return providers().stream().filter(p -> p.driver().equals(driver)).findFirst().orElse(null);
    }
}
