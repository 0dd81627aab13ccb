package org.nucleon.ml2.ipam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.extension.ResourceDefinition;
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
        ExtensionDescriptor prefixOps = ours().extension(PREFIX_OPS);
        List<ExtensionDescriptor> out = new ArrayList<>();
        for (String alias : NEUTRON_ALIASES) {
            ExtensionDescriptor d = ApiDefinitions.neutron().extension(alias);
            out.add(alias.equals("subnetpool") ? withActions(d, prefixOps) : d);
        }
        out.add(prefixOps);
        return out;
    }

    /**
     * The registry routes only the actions of a collection's defining entry, so the prefix
     * operations go onto the subnetpool definition too (as in Neutron, where the extension
     * extends the subnetpools action map).
     */
    private static ExtensionDescriptor withActions(ExtensionDescriptor d, ExtensionDescriptor actionsFrom) {
        Map<String, ResourceDefinition> resources = new LinkedHashMap<>(d.resources());
        resources.computeIfPresent("subnetpools", (c, r) -> {
            Map<String, String> actions = new LinkedHashMap<>(r.actions());
            actions.putAll(actionsFrom.resources().get(c).actions());
            return new ResourceDefinition(r.collection(), r.member(), r.parent(), r.parentMember(), r.attributes(),
                    actions, r.defines());
        });
        return new ExtensionDescriptor(d.alias(), d.name(), d.description(), d.updated(), d.core(), d.apiPrefix(),
                d.requires(), d.optional(), resources);
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
