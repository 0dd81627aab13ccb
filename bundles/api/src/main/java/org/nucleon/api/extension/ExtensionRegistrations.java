package org.nucleon.api.extension;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Publishes extension descriptors as services for as long as a component lives: register in
 * its activate, {@link #close()} in its deactivate.
 */
public final class ExtensionRegistrations implements AutoCloseable {
    private final List<ServiceRegistration<ExtensionDescriptor>> registrations = new ArrayList<>();

    private ExtensionRegistrations() {
    }

    /** Registers Neutron's own definitions of the given aliases. */
    public static ExtensionRegistrations neutron(BundleContext context, String... aliases) {
        List<ExtensionDescriptor> descriptors = new ArrayList<>();
        for (String alias : aliases) {
            descriptors.add(ApiDefinitions.neutron().extension(alias));
        }
        return of(context, descriptors);
    }

    public static ExtensionRegistrations of(BundleContext context, List<ExtensionDescriptor> descriptors) {
        ExtensionRegistrations r = new ExtensionRegistrations();
        for (ExtensionDescriptor d : descriptors) {
            r.registrations.add(context.registerService(ExtensionDescriptor.class, d, null));
        }
        return r;
    }

    @Override
    public void close() {
        for (ServiceRegistration<ExtensionDescriptor> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it first
            }
        }
        registrations.clear();
    }
}
