package org.nucleon.flavors;

import java.util.Map;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.testsupport.JpaFixture;

/** The nucleon-flavors unit on a fresh in-memory Derby, with the handlers wired as DS would. */
final class FlavorsDb extends JpaFixture {
    final ServicePlugins plugins = new ServicePlugins();
    final FlavorHandler flavors = new FlavorHandler();
    final ServiceProfileHandler profiles = new ServiceProfileHandler();
    final FlavorProfileHandler bindings = new FlavorProfileHandler();
    final NextProviderHandler nextProviders = new NextProviderHandler();
    final ServiceProviderHandler providers = new ServiceProviderHandler();

    FlavorsDb() {
        super("nucleon-flavors");
        flavors.jpa = this;
        flavors.plugins = plugins;
        profiles.jpa = this;
        profiles.plugins = plugins;
        bindings.jpa = this;
        nextProviders.jpa = this;
        nextProviders.plugins = plugins;
        providers.plugins = plugins;
    }

    /** By collection, as the plugin's services register them. */
    Map<String, ResourceHandler> handlers() {
        return Map.of("flavors", flavors, "service_profiles", profiles, "flavors/service_profiles", bindings,
                "flavors/next_providers", nextProviders, "service_providers", providers);
    }
}
