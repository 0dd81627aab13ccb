package org.nucleon.ml2.spi;

import javax.persistence.EntityManager;

/**
 * A network type of the ML2 plugin (Neutron's {@code ml2.driver_api.TypeDriver}), published as an
 * OSGi service; the plugin uses it while its type is listed in {@code type_drivers} of the PID
 * {@code org.nucleon.ml2}. Client errors are NeutronExceptions with Neutron's type and message.
 * <p>
 * Reservations run inside the network's transaction on the given EntityManager of the
 * {@code nucleon-ml2} unit, so they commit or roll back with the network. A driver must make a
 * double reservation fail on a database constraint (the plugin retries the whole request on a
 * constraint violation), never on a check in memory only.
 */
public interface TypeDriver {
    /** The {@code provider:network_type} value this driver serves, e.g. {@code vlan}. */
    String networkType();

    /** Checks a requested provider segment; 400 InvalidInput as Neutron when it is not valid. */
    void validateProviderSegment(Segment segment);

    /** Whether a validated provider segment leaves something to allocate (e.g. vlan without an id). */
    boolean isPartialSegment(Segment segment);

    /**
     * Reserves a validated provider segment, filling in what a partial one leaves open.
     * A taken one is a 409 (VlanIdInUse, TunnelIdInUse, FlatNetworkInUse ...).
     */
    Segment reserveProviderSegment(EntityManager em, Segment segment);

    /** A free segment for a tenant network, or null when this type has none (left). */
    Segment allocateTenantSegment(EntityManager em);

    /** Frees a segment reserved or allocated by this driver. */
    void releaseSegment(EntityManager em, Segment segment);

    /** The largest MTU a segment on this physical network (null for none) allows; 0 for no limit. */
    int mtu(String physicalNetwork);
}
