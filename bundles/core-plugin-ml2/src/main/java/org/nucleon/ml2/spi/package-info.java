/** The ML2 driver SPI: mechanism drivers (and type drivers) that vendors ship as bundles. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.ml2.spi;
