package org.nucleon.internal.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server has finished starting, so that the API is whole. Until then every request is
 * a 503: this bundle starts before the plugins', and a part of the API would tell a client, say,
 * that networks do not exist. Three things must be true:
 * <ul>
 * <li>Karaf has installed its boot features ({@code BootFinished});</li>
 * <li>every bundle that is to run has started, so SCR knows its components;</li>
 * <li>no component waits for a persistence unit (a {@link JpaTemplate}).</li>
 * </ul>
 * The last two matter on a restart with {@code data/} kept: there Karaf finishes its boot at once,
 * the framework then starts the bundles, and the persistence units are built seconds later, once the
 * datasource is there. Without them the core collections answered 404 for 2 to 4 s.
 * <p>
 * Once open the gate stays open: later departures are live changes, and are answered as such. A
 * bundle that fails to start or a unit that never comes (a database that refuses us, a vendor's
 * broken unit) holds the API for at most {@link #WAIT_SECONDS} after Karaf's boot; the log names it.
 */
final class BootGate {
    private static final Logger LOG = LoggerFactory.getLogger(BootGate.class);
    static final long WAIT_SECONDS = 60;
    private static final String PERSISTENCE = JpaTemplate.class.getName();

    private final BooleanSupplier bootFinished;
    private final Supplier<List<String>> bundlesNotStarted;
    private final ServiceComponentRuntime scr;
    private final LongSupplier nanoClock;

    private volatile boolean open;
    /** When the gate first saw Karaf's boot finished; 0 before. */
    private volatile long bootFinishedAt;

    BootGate(BooleanSupplier bootFinished, Supplier<List<String>> bundlesNotStarted, ServiceComponentRuntime scr,
            LongSupplier nanoClock) {
        this.bootFinished = bootFinished;
        this.bundlesNotStarted = bundlesNotStarted;
        this.scr = scr;
        this.nanoClock = nanoClock;
    }

    /** Checked on each request until it first answers true; one volatile read after that. */
    boolean open() {
        if (open) {
            return true;
        }
        if (!bootFinished.getAsBoolean()) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (bootFinishedAt == 0) {
            bootFinishedAt = now;
        }
        List<String> bundles = bundlesNotStarted.get();
        List<String> components = bundles.isEmpty() ? componentsWaitingForPersistence() : List.of();
        if (bundles.isEmpty() && components.isEmpty()) {
            LOG.info("the API opens: Karaf's boot is finished, every bundle has started and no component waits "
                    + "for its persistence unit");
            open = true;
        } else if (now - bootFinishedAt >= TimeUnit.SECONDS.toNanos(WAIT_SECONDS)) {
            LOG.warn("the API opens {} s after Karaf's boot although these bundles have not started: {}, "
                    + "and these components wait for their persistence unit: {}", WAIT_SECONDS, bundles, components);
            open = true;
        }
        return open;
    }

    /** The bundles that are to run (persistently started) and are not active, fragments aside. */
    static List<String> bundlesNotStarted(BundleContext context) {
        List<String> waiting = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (bundle.getState() != Bundle.ACTIVE && !fragment
                    && bundle.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
                waiting.add(bundle.getSymbolicName());
            }
        }
        return waiting;
    }

    /** The components that are enabled but unsatisfied for want of a JpaTemplate, by name. */
    private List<String> componentsWaitingForPersistence() {
        List<String> waiting = new ArrayList<>();
        for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(component)) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        && Arrays.stream(configuration.unsatisfiedReferences)
                                .anyMatch(missing -> isPersistence(component, missing))) {
                    waiting.add(component.name);
                }
            }
        }
        return waiting;
    }

    private static boolean isPersistence(ComponentDescriptionDTO component, UnsatisfiedReferenceDTO missing) {
        for (ReferenceDTO reference : component.references) {
            if (reference.name.equals(missing.name)) {
                return PERSISTENCE.equals(reference.interfaceName);
            }
        }
        return false;
    }
}
