package org.nucleon.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ServiceProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Neutron's L3_ROUTER_NAT service plugin: the router extensions this bundle serves (l3-flavors
 * only while the flavors plugin is loaded, which it requires) and its service providers.
 * router_availability_zone is declared here, as Neutron's L3RouterPlugin does; it requires
 * availability_zone, so it is active only while the agents bundle, which owns the zones and
 * keeps and checks routers' hints, runs too.
 */
@Component(service = Plugin.class, immediate = true)
public class RouterPlugin implements Plugin {
    static final List<String> ALIASES = List.of("router", "ext-gw-mode", "extraroute", "extraroute-atomic",
            "fip-port-details", "l3-ha", "dvr", "router_availability_zone", "l3-flavors");
    /** Aliases Neutron's bundled catalog lacks (no attributes of their own), defined in this bundle. */
    static final List<String> OWN_ALIASES = List.of("router-admin-state-down-before-update");

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        List<ExtensionDescriptor> all = new ArrayList<>();
        ALIASES.forEach(a -> all.add(ApiDefinitions.neutron().extension(a)));
        ApiDefinitions own = ownDefinitions();
        OWN_ALIASES.forEach(a -> all.add(own.extension(a)));
        descriptors = ExtensionRegistrations.of(context, all);
    }

    static ApiDefinitions ownDefinitions() {
        try (InputStream in = RouterPlugin.class.getResourceAsStream("router-api-definitions.json")) {
            return ApiDefinitions.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Deactivate
    void deactivate() {
        descriptors.close();
    }

    @Override
    public String pluginType() {
        return "L3_ROUTER_NAT";
    }

    /** Neutron's own L3 providers, which its reference server lists in /v2.0/service-providers. */
    @Override
    public List<ServiceProvider> serviceProviders() {
        return L3Providers.declared();
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        Set<String> aliases = new LinkedHashSet<>(ALIASES);
        aliases.addAll(OWN_ALIASES);
        return aliases;
    }
}
