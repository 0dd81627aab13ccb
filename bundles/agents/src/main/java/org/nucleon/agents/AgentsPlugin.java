package org.nucleon.agents;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Agents and the availability zones made of them, including networks' zones. Routers' zones
 * (router_availability_zone) are the router plugin's extension, as in Neutron; this bundle keeps
 * and checks their hints ({@link NetworkAvailabilityZones.Routers}), since the zones are its agents'.
 */
@Component(service = Plugin.class, immediate = true)
public class AgentsPlugin implements Plugin {
    static final List<String> ALIASES = List.of("agent", "availability_zone", "network_availability_zone",
            "dhcp_agent_scheduler", "l3_agent_scheduler");

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
        return "AGENTS";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return new LinkedHashSet<>(ALIASES);
    }
}
