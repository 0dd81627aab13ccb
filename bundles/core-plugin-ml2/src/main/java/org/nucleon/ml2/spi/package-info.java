/**
 * The ML2 driver SPI: a bundle adds a network type by publishing a {@link TypeDriver} service and
 * takes part in network, subnet and port operations by publishing a {@link MechanismDriver}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.nucleon.ml2.spi;
