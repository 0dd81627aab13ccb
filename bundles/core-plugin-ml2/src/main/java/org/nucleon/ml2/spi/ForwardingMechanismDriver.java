package org.nucleon.ml2.spi;

/**
 * A mechanism driver that takes every precommit and postcommit call in one method, by Neutron's
 * method name (e.g. {@code create_port_precommit}): for a driver that passes each change on (to a
 * controller's journal, a log) rather than acting on each kind of call. {@link #bindPort} is its own.
 */
public abstract class ForwardingMechanismDriver implements MechanismDriver {

    /** Every pre- and postcommit call; throwing from a precommit vetoes the change. */
    protected abstract void forward(String call, MechanismContext context);

    @Override
    public void createNetworkPrecommit(MechanismContext c) {
        forward("create_network_precommit", c);
    }

    @Override
    public void createNetworkPostcommit(MechanismContext c) {
        forward("create_network_postcommit", c);
    }

    @Override
    public void updateNetworkPrecommit(MechanismContext c) {
        forward("update_network_precommit", c);
    }

    @Override
    public void updateNetworkPostcommit(MechanismContext c) {
        forward("update_network_postcommit", c);
    }

    @Override
    public void deleteNetworkPrecommit(MechanismContext c) {
        forward("delete_network_precommit", c);
    }

    @Override
    public void deleteNetworkPostcommit(MechanismContext c) {
        forward("delete_network_postcommit", c);
    }

    @Override
    public void createSubnetPrecommit(MechanismContext c) {
        forward("create_subnet_precommit", c);
    }

    @Override
    public void createSubnetPostcommit(MechanismContext c) {
        forward("create_subnet_postcommit", c);
    }

    @Override
    public void updateSubnetPrecommit(MechanismContext c) {
        forward("update_subnet_precommit", c);
    }

    @Override
    public void updateSubnetPostcommit(MechanismContext c) {
        forward("update_subnet_postcommit", c);
    }

    @Override
    public void deleteSubnetPrecommit(MechanismContext c) {
        forward("delete_subnet_precommit", c);
    }

    @Override
    public void deleteSubnetPostcommit(MechanismContext c) {
        forward("delete_subnet_postcommit", c);
    }

    @Override
    public void createPortPrecommit(MechanismContext c) {
        forward("create_port_precommit", c);
    }

    @Override
    public void createPortPostcommit(MechanismContext c) {
        forward("create_port_postcommit", c);
    }

    @Override
    public void updatePortPrecommit(MechanismContext c) {
        forward("update_port_precommit", c);
    }

    @Override
    public void updatePortPostcommit(MechanismContext c) {
        forward("update_port_postcommit", c);
    }

    @Override
    public void deletePortPrecommit(MechanismContext c) {
        forward("delete_port_precommit", c);
    }

    @Override
    public void deletePortPostcommit(MechanismContext c) {
        forward("delete_port_postcommit", c);
    }
}
