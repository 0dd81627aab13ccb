package org.nucleon.ml2;

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
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The ML2 core plugin: declares the core resources and network extensions it serves, and RBAC
 * policies with the object types of its tables, and publishes their definitions.
 */
@Component(service = Plugin.class, immediate = true)
public class Ml2Plugin implements Plugin {
    /** Aliases whose definitions the bundled Neutron catalog has. */
    static final List<String> NEUTRON_ALIASES = List.of("network", "provider", "multi-provider", "net-mtu",
            "external-net", "port-security", "rbac-policies");
    /** Aliases the catalog lacks, defined in this bundle's own file. */
    static final List<String> OWN_ALIASES = List.of("net-mtu-writable", "rbac-address-scope", "rbac-subnetpool",
            "rbac-security-groups");
    static final Set<String> ALIASES;

    static {
        Set<String> all = new LinkedHashSet<>(NEUTRON_ALIASES);
        all.addAll(OWN_ALIASES);
        ALIASES = Set.copyOf(all);
    }

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    static List<ExtensionDescriptor> descriptors() {
        ApiDefinitions neutron = ApiDefinitions.neutron();
        List<ExtensionDescriptor> out = new ArrayList<>();
        NEUTRON_ALIASES.forEach(a -> out.add(neutron.extension(a)));
        // parsed after Neutron's catalog is loaded, so its entries extend Neutron's networks
        try (InputStream in = Ml2Plugin.class.getResourceAsStream("ml2-api-definitions.json")) {
            ApiDefinitions own = ApiDefinitions.parse(in);
            OWN_ALIASES.forEach(a -> out.add(own.extension(a)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Deactivate
    void deactivate() {
        descriptors.close();
    }

    @Override
    public String pluginType() {
        return "CORE";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
