package org.nucleon.api.plugin;

/**
 * A service provider a plugin declares, as Neutron's {@code [service_providers] service_provider}
 * entries and the providers its service plugins add themselves (the L3 plugin's dvrha, dvr, ha
 * and single_node): listed by the service-type extension's {@code /v2.0/service-providers}, and
 * what a flavor's service profile names in its {@code driver}.
 *
 * @param serviceType the plugin type it serves, e.g. {@code L3_ROUTER_NAT}
 * @param name        the provider's name, unique within its service type
 * @param driver      the driver a service profile names to pick this provider
 * @param isDefault   whether it is its service type's default provider
 */
public record ServiceProvider(String serviceType, String name, String driver, boolean isDefault) {
}
