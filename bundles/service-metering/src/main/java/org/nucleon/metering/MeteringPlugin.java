package org.nucleon.metering;

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
 * Neutron's metering service plugin: declares the metering extensions while this bundle runs,
 * so uninstalling it takes them, and their routes, out of the API.
 */
@Component(service = Plugin.class, immediate = true)
public class MeteringPlugin implements Plugin {
    static final String METERING = "metering";
    static final String SOURCE_AND_DESTINATION = "metering_source_and_destination_fields";
    static final Set<String> ALIASES = Set.of(METERING, SOURCE_AND_DESTINATION);
    /** Neutron's MeteringPlugin.path_prefix: the API definition itself has none. */
    static final String PATH_PREFIX = "/metering";

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
        ExtensionDescriptor m = ApiDefinitions.neutron().extension(METERING);
        ExtensionDescriptor metering = new ExtensionDescriptor(m.alias(), m.name(), m.description(), m.updated(),
                m.core(), PATH_PREFIX, m.requires(), m.optional(), m.resources());
        // parsed after Neutron's catalog is loaded, so its entry extends Neutron's metering_label_rules
        try (InputStream in = MeteringPlugin.class.getResourceAsStream("metering-api-definitions.json")) {
            return List.of(metering, ApiDefinitions.parse(in).extension(SOURCE_AND_DESTINATION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String pluginType() {
        return "METERING";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
