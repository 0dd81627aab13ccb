/**
 * Neutron's flavors service plugin: flavors, service profiles and their associations
 * ({@code flavors}), and the service providers the loaded plugins declare ({@code service-type}).
 */
package org.nucleon.flavors;
