/** Neutron's attribute validators and converters, looked up by the names the attribute maps use. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.api.validation;
