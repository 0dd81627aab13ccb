/**
 * Metering service plugin: Neutron's metering labels and their rules ({@code metering},
 * {@code metering_source_and_destination_fields}) under {@code /v2.0/metering}.
 */
package org.nucleon.metering;
