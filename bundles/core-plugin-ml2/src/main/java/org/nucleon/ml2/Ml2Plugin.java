package org.nucleon.ml2;

import java.util.Set;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The ML2 core plugin: declares the core resources it serves and publishes their definitions.
 */
@Component(service = Plugin.class, immediate = true)
public class Ml2Plugin implements Plugin {
    static final Set<String> ALIASES = Set.of("network");

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
        return "CORE";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
