package org.nucleon.ml2.rbac;

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
 * RBAC policies of the core plugin: {@code rbac-policies} and the extensions that announce the
 * object types of its own tables (networks need none: they are the original type).
 */
@Component(service = Plugin.class, immediate = true)
public class RbacPlugin implements Plugin {
    static final String RBAC_POLICIES = "rbac-policies";
    /** Aliases the catalog lacks, defined in this bundle's own file. */
    static final List<String> OWN_ALIASES = List.of("rbac-address-scope", "rbac-subnetpool", "rbac-security-groups");
    static final Set<String> ALIASES;

    static {
        Set<String> all = new LinkedHashSet<>(List.of(RBAC_POLICIES));
        all.addAll(OWN_ALIASES);
        ALIASES = Set.copyOf(all);
    }

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    static List<ExtensionDescriptor> descriptors() {
        List<ExtensionDescriptor> out = new ArrayList<>();
        out.add(ApiDefinitions.neutron().extension(RBAC_POLICIES));
        try (InputStream in = RbacPlugin.class.getResourceAsStream("rbac-api-definitions.json")) {
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
