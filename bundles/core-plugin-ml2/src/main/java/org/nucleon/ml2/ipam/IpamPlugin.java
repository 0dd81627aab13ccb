package org.nucleon.ml2.ipam;

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

/**
 * The IPAM side of the ML2 core plugin: subnets, subnet pools, address scopes and IP
 * availability, with their descriptors.
 */
@Component(service = Plugin.class, immediate = true)
public class IpamPlugin implements Plugin {
    static final String PREFIX_OPS = "subnetpool-prefix-ops";
    static final Set<String> NEUTRON_ALIASES = Set.of("subnet", "subnetpool", "subnet_allocation",
            "default-subnetpools", "address-scope", "subnet-service-types", "network-ip-availability");
    static final Set<String> ALIASES = union(NEUTRON_ALIASES, PREFIX_OPS);

    private ExtensionRegistrations descriptors;

    private static Set<String> union(Set<String> a, String b) {
        List<String> all = new ArrayList<>(a);
        all.add(b);
        return Set.copyOf(all);
    }

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    /** Neutron's descriptors, plus ours for the aliases the bundled catalog lacks. */
    static List<ExtensionDescriptor> descriptors() {
        List<ExtensionDescriptor> out = new ArrayList<>();
        for (String alias : NEUTRON_ALIASES) {
            out.add(ApiDefinitions.neutron().extension(alias));
        }
        out.add(ours().extension(PREFIX_OPS));
        return out;
    }

    private static ApiDefinitions ours() {
        try (InputStream in = IpamPlugin.class.getResourceAsStream("ipam-api-definitions.json")) {
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
        return "CORE";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
