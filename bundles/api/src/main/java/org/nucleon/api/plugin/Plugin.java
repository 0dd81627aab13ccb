package org.nucleon.api.plugin;

import java.util.List;
import java.util.Set;

/**
 * A core or service plugin, published as an OSGi service. An extension becomes active only
 * while some plugin lists its alias here, as in Neutron's {@code supported_extension_aliases}.
 */
public interface Plugin {
    /** Neutron's plugin type: {@code CORE}, {@code L3_ROUTER_NAT}, {@code METERING}, {@code QOS}, ... */
    String pluginType();

    Set<String> supportedExtensionAliases();

    /** The service providers this plugin brings, listed while it is loaded; none by default. */
    default List<ServiceProvider> serviceProviders() {
        return List.of();
    }
}
