package org.nucleon.router;

import java.util.List;
import java.util.Map;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ServiceProvider;

/**
 * The L3 service providers Neutron's router plugin adds itself (_LegacyPlusProviderConfiguration),
 * in its order, with what each supports of a router's ha and distributed flags.
 */
final class L3Providers {
    static final String SERVICE_TYPE = "L3_ROUTER_NAT";
    private static final String PACKAGE = "neutron.services.l3_router.service_providers.";

    /** A provider and whether it requires (true) or refuses (false) each flag. */
    private record Provider(String name, String driver, boolean distributed, boolean ha) {
    }

    private static final List<Provider> ALL = List.of(
            new Provider("dvrha", PACKAGE + "dvrha.DvrHaDriver", true, true),
            new Provider("dvr", PACKAGE + "dvr.DvrDriver", true, false),
            new Provider("ha", PACKAGE + "ha.HaDriver", false, true),
            new Provider("single_node", PACKAGE + "single_node.SingleNodeDriver", false, false));

    private L3Providers() {
    }

    static List<ServiceProvider> declared() {
        return ALL.stream().map(p -> new ServiceProvider(SERVICE_TYPE, p.name(), p.driver(), false)).toList();
    }

    /**
     * Neutron's _ensure_driver_supports_request: each flag the body sets (true or false) must be
     * what the provider requires; a provider that is not an L3 one is Neutron's ServiceProviderNotFound.
     */
    static void supports(String providerName, Map<String, Object> router) {
        Provider p = ALL.stream().filter(x -> x.name().equals(providerName)).findFirst().orElseThrow(() ->
                new NeutronException(400, "ServiceProviderNotFound", "Service provider '" + providerName
                        + "' could not be found for service type " + SERVICE_TYPE));
        check(p, "distributed", p.distributed(), router.get("distributed"));
        check(p, "ha", p.ha(), router.get("ha"));
    }

    private static void check(Provider p, String key, boolean required, Object flag) {
        if (flag instanceof Boolean b && b != required) {
            throw NeutronException.invalidInput("Provider " + p.name() + " does not support " + key + "="
                    + (b ? "True" : "False"));
        }
    }
}
