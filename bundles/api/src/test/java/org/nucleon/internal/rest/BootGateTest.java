package org.nucleon.internal.rest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.aries.jpa.template.JpaTemplate;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.promise.Promise;

public class BootGateTest {
    private final AtomicBoolean bootFinished = new AtomicBoolean();
    private final List<String> bundlesNotStarted = new ArrayList<>(List.of("org.nucleon.core-plugin-ml2"));
    private final AtomicLong clock = new AtomicLong(1);
    private final Components components = new Components();
    private final BootGate gate = new BootGate(bootFinished::get, () -> List.copyOf(bundlesNotStarted), components,
            clock::get);

    /** A restart with data/ kept: Karaf's boot is finished at once, the plugins and their units come later. */
    @Test
    public void opensWhenTheBootTheBundlesAndThePersistenceUnitsAreAllThereAndStaysOpen() {
        bootFinished.set(true);
        assertFalse("the core plugin has not started yet", gate.open());
        bundlesNotStarted.clear();
        components.add("org.nucleon.ml2.network.NetworkHandler", "jpa", JpaTemplate.class.getName(), true);
        assertFalse("the network handler still waits for its persistence unit", gate.open());

        components.satisfyAll();
        assertTrue(gate.open());
        // a live update afterwards is answered by the controller, not by the gate
        bundlesNotStarted.add("org.nucleon.service-router");
        components.add("org.nucleon.router.RouterHandler", "jpa", JpaTemplate.class.getName(), true);
        assertTrue(gate.open());
    }

    @Test
    public void staysClosedUntilKarafHasFinishedItsBoot() {
        bundlesNotStarted.clear();
        assertFalse(gate.open());
        bootFinished.set(true);
        assertTrue(gate.open());
    }

    /** Only a missing persistence unit holds the API: other references come and go as configured. */
    @Test
    public void aComponentWaitingForSomethingElseDoesNotHoldTheApi() {
        bundlesNotStarted.clear();
        components.add("org.nucleon.agents.AgentRpc", "broker", "org.example.Broker", true);
        components.add("org.nucleon.qos.QosPlugin", "jpa", JpaTemplate.class.getName(), false);
        bootFinished.set(true);
        assertTrue(gate.open());
    }

    @Test
    public void aUnitThatNeverComesHoldsTheApiForAMinuteAfterTheBootAtMost() {
        bundlesNotStarted.clear();
        components.add("com.vendor.BrokenHandler", "jpa", JpaTemplate.class.getName(), true);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(600));
        assertFalse("Karaf's boot is not finished: no time-out runs yet", gate.open());
        bootFinished.set(true);
        assertFalse(gate.open());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(BootGate.WAIT_SECONDS) - 1);
        assertFalse(gate.open());
        clock.addAndGet(1);
        assertTrue(gate.open());
    }

    @Test
    public void aBundleThatFailsToStartHoldsTheApiForAMinuteAfterTheBootAtMost() {
        bootFinished.set(true);
        assertFalse(gate.open());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(BootGate.WAIT_SECONDS));
        assertTrue(gate.open());
    }

    /** SCR's runtime view of some components, each with one reference, satisfied or not. */
    private static final class Components implements ServiceComponentRuntime {
        private final List<ComponentDescriptionDTO> descriptions = new ArrayList<>();
        private final List<ComponentConfigurationDTO> configurations = new ArrayList<>();

        void add(String name, String reference, String interfaceName, boolean unsatisfied) {
            ComponentDescriptionDTO description = new ComponentDescriptionDTO();
            description.name = name;
            ReferenceDTO ref = new ReferenceDTO();
            ref.name = reference;
            ref.interfaceName = interfaceName;
            description.references = new ReferenceDTO[] {ref};
            ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
            configuration.description = description;
            configuration.state = ComponentConfigurationDTO.ACTIVE;
            configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
            if (unsatisfied) {
                UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
                missing.name = reference;
                configuration.state = ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
                configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {missing};
            }
            descriptions.add(description);
            configurations.add(configuration);
        }

        void satisfyAll() {
            for (ComponentConfigurationDTO configuration : configurations) {
                configuration.state = ComponentConfigurationDTO.ACTIVE;
                configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
            }
        }

        @Override
        public Collection<ComponentDescriptionDTO> getComponentDescriptionDTOs(Bundle... bundles) {
            return descriptions;
        }

        @Override
        public ComponentDescriptionDTO getComponentDescriptionDTO(Bundle bundle, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Collection<ComponentConfigurationDTO> getComponentConfigurationDTOs(ComponentDescriptionDTO description) {
            return configurations.stream().filter(c -> c.description == description).toList();
        }

        @Override
        public boolean isComponentEnabled(ComponentDescriptionDTO description) {
            return true;
        }

        @Override
        public Promise<Void> enableComponent(ComponentDescriptionDTO description) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Promise<Void> disableComponent(ComponentDescriptionDTO description) {
            throw new UnsupportedOperationException();
        }
    }
}
