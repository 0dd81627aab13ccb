package org.nucleon.qos;

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

/** The QoS service plugin: declares the QoS extensions it serves and publishes their definitions. */
@Component(service = Plugin.class, immediate = true)
public class QosPlugin implements Plugin {
    /** The catalog lacks qos-rules-alias, qos-bw-minimum-ingress and qos-port-network-policy: this bundle's file has them. */
    static final Set<String> ALIASES = Set.of("qos", "qos-bw-limit-direction", "qos-default", "qos-rule-type-details",
            "qos-rules-alias", "qos-bw-minimum-ingress", "qos-port-network-policy");

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    static List<ExtensionDescriptor> descriptors() {
        ApiDefinitions neutron = ApiDefinitions.neutron();
        // read once Neutron's catalog is loaded, so its entries extend Neutron's ports and rules
        try (InputStream in = QosPlugin.class.getResourceAsStream("qos-api-definitions.json")) {
            ApiDefinitions own = ApiDefinitions.parse(in);
            return ALIASES.stream().map(a -> (neutron.aliases().contains(a) ? neutron : own).extension(a)).toList();
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
        return "QOS";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
