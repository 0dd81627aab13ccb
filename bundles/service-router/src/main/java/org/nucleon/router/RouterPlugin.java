package org.nucleon.router;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Neutron's L3_ROUTER_NAT service plugin: the router extensions this bundle serves. */
@Component(service = Plugin.class, immediate = true)
public class RouterPlugin implements Plugin {
    static final List<String> ALIASES = List.of("router", "ext-gw-mode", "extraroute", "extraroute-atomic",
            "fip-port-details");

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.neutron(context, ALIASES.toArray(String[]::new));
    }

    @Deactivate
    void deactivate() {
        descriptors.close();
    }

    @Override
    public String pluginType() {
        return "L3_ROUTER_NAT";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return new LinkedHashSet<>(ALIASES);
    }
}
