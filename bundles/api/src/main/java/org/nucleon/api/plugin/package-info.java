/** The plugin SPI: plugins and the resource handlers they publish. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.nucleon.api.plugin;
