/** API extension descriptors: Neutron's attribute maps as data, published as OSGi services. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.nucleon.api.extension;
