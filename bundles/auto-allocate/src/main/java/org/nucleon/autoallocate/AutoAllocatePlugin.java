package org.nucleon.autoallocate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/** Neutron's auto_allocate service plugin: the auto-allocated-topology extension. */
@Component(service = Plugin.class, immediate = true)
public class AutoAllocatePlugin implements Plugin {
    static final String ALIAS = "auto-allocated-topology";

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
        // Neutron's catalog first, so the file's networks entry extends the core's networks
        ApiDefinitions.neutron();
        try (InputStream in = AutoAllocatePlugin.class.getResourceAsStream("auto-allocate-api-definitions.json")) {
            return List.of(ApiDefinitions.parse(in).extension(ALIAS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String pluginType() {
        return ALIAS;
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return Set.of(ALIAS);
    }
}
