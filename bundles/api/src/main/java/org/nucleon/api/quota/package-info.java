/** The quota SPI: the engine the REST layer reserves quota with around a create. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.api.quota;
