package org.nucleon.ml2.spi;

/**
 * An ML2 mechanism driver, published as an OSGi service by any bundle. Drivers are called in
 * order of {@code service.ranking} (highest first). Precommit calls run inside the transaction
 * and veto the operation by throwing (a NeutronException reaches the client as is); postcommit
 * calls run after commit, and their failures are logged. Every method is optional.
 */
public interface MechanismDriver {
    /** The driver's name, as Neutron's {@code mechanism_drivers} entries. */
    String name();

    default void createNetworkPrecommit(MechanismContext context) {
    }

    default void createNetworkPostcommit(MechanismContext context) {
    }

    default void updateNetworkPrecommit(MechanismContext context) {
    }

    default void updateNetworkPostcommit(MechanismContext context) {
    }

    default void deleteNetworkPrecommit(MechanismContext context) {
    }

    default void deleteNetworkPostcommit(MechanismContext context) {
    }

    default void createSubnetPrecommit(MechanismContext context) {
    }

    default void createSubnetPostcommit(MechanismContext context) {
    }

    default void updateSubnetPrecommit(MechanismContext context) {
    }

    default void updateSubnetPostcommit(MechanismContext context) {
    }

    default void deleteSubnetPrecommit(MechanismContext context) {
    }

    default void deleteSubnetPostcommit(MechanismContext context) {
    }

    default void createPortPrecommit(MechanismContext context) {
    }

    default void createPortPostcommit(MechanismContext context) {
    }

    default void updatePortPrecommit(MechanismContext context) {
    }

    default void updatePortPostcommit(MechanismContext context) {
    }

    default void deletePortPrecommit(MechanismContext context) {
    }

    default void deletePortPostcommit(MechanismContext context) {
    }

    /**
     * Tries to bind a port whose {@code binding:host_id} is set, on one of the context's
     * segments; returns the binding, or null to let the next driver try.
     */
    default PortBinding bindPort(MechanismContext context) {
        return null;
    }
}
