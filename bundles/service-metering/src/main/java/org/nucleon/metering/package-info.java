/**
 * Metering service plugin: Neutron's metering labels and their rules ({@code metering},
 * {@code metering_source_and_destination_fields}) under {@code /v2.0/metering}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.nucleon.metering;
