package org.nucleon.ml2.securitygroup;

import java.util.Set;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The core plugin's security groups: declares the extension and the description it requires,
 * which every standard-attribute row of this plugin already stores.
 */
@Component(service = Plugin.class, immediate = true)
public class SecurityGroupPlugin implements Plugin {
    static final Set<String> ALIASES = Set.of("security-group", "standard-attr-description");

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
