package org.nucleon.example.widgets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * How a vendor adds an API extension: a descriptor from its own attribute map in JSON, a
 * plugin that supports the alias, and a handler for the new collection. Stopping this bundle
 * takes all three away, and the API with them.
 */
@Component(service = Plugin.class, immediate = true)
public class WidgetsPlugin implements Plugin {
    static final String ALIAS = "widgets";

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        try (InputStream in = WidgetsPlugin.class.getResourceAsStream("widgets-api.json")) {
            descriptors = ExtensionRegistrations.of(context, List.of(ApiDefinitions.parse(in).extension(ALIAS)));
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
        return "EXAMPLE_WIDGETS";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return Set.of(ALIAS);
    }
}
