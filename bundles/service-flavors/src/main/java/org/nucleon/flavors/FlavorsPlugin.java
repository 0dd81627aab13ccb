package org.nucleon.flavors;

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

/**
 * Neutron's FlavorsPlugin (plugin type FLAVORS): flavors and service profiles, and, as in
 * Neutron, the service-type extension, so {@code /v2.0/service-providers} is served while this
 * bundle runs.
 */
@Component(service = Plugin.class, immediate = true)
public class FlavorsPlugin implements Plugin {
    static final String FLAVORS = "flavors";
    static final String SERVICE_TYPE = "service-type";
    static final Set<String> ALIASES = Set.of(FLAVORS, SERVICE_TYPE);

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    @Deactivate
    void deactivate() {
        descriptors.close();
    }

    /**
     * Neutron's flavors; service-type from this bundle's file, whose attributes are filters as
     * Neutron's ServiceTypeManager takes them (its map declares none).
     */
    static List<ExtensionDescriptor> descriptors() {
        try (InputStream in = FlavorsPlugin.class.getResourceAsStream("flavors-api-definitions.json")) {
            return List.of(ApiDefinitions.neutron().extension(FLAVORS), ApiDefinitions.parse(in).extension(
                    SERVICE_TYPE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String pluginType() {
        return "FLAVORS";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
