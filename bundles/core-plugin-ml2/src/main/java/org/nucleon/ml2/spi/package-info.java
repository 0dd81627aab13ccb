/**
 * The ML2 type driver SPI: a bundle adds a network type by publishing a {@link TypeDriver} service.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.ml2.spi;
