package org.nucleon.extensions.standard;

import java.util.List;
import java.util.Set;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The cross-cutting extensions whose behaviour the API layer and the plugins already have:
 * standard attributes every standard-attr resource keeps on its row (description, timestamps,
 * revision numbers), and the shims that advertise how lists behave (project_id, pagination,
 * sorting, filter validation, empty-string filters). Stopping this bundle takes them out of
 * {@code /v2.0/extensions} and their attributes out of every response; the core API goes on.
 */
@Component(service = Plugin.class, immediate = true)
public class StandardExtensions implements Plugin {
    static final List<String> ALIASES = List.of("standard-attr-description", "standard-attr-timestamp",
            "standard-attr-revisions", "project-id", "pagination", "sorting", "filter-validation",
            "empty-string-filtering");

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
        return "EXTENSIONS";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return Set.copyOf(ALIASES);
    }
}
