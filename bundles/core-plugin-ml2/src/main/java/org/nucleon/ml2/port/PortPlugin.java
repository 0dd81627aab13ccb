package org.nucleon.ml2.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** The port side of the ML2 plugin: the core port resource and the extensions of ports it serves. */
@Component(service = Plugin.class, immediate = true)
public class PortPlugin implements Plugin {
    static final List<String> NEUTRON_ALIASES = List.of("port", "allowed-address-pairs", "extra_dhcp_opt", "binding");
    /** Not in the bundled catalog: defined in port-api-definitions.json beside this class. */
    static final String IP_ALLOCATION = "ip_allocation";

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    @Deactivate
    void deactivate() {
        descriptors.close();
    }

    static List<ExtensionDescriptor> descriptors() {
        List<ExtensionDescriptor> out = new ArrayList<>();
        NEUTRON_ALIASES.forEach(a -> out.add(ApiDefinitions.neutron().extension(a)));
        try (InputStream in = PortPlugin.class.getResourceAsStream("port-api-definitions.json")) {
            out.add(ApiDefinitions.parse(in).extension(IP_ALLOCATION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public String pluginType() {
        return "CORE";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        Set<String> all = new java.util.LinkedHashSet<>(NEUTRON_ALIASES);
        all.add(IP_ALLOCATION);
        return all;
    }
}
