package org.nucleon.ml2.type;

import java.util.Map;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.spi.Segment;
import org.nucleon.ml2.spi.TypeDriver;

/** What the drivers of this bundle share: their type name and the MTU settings. */
abstract class AbstractTypeDriver implements TypeDriver {
    private final String networkType;
    protected volatile int globalPhysnetMtu;
    protected volatile Map<String, Integer> physnetMtus = Map.of();

    protected AbstractTypeDriver(String networkType) {
        this.networkType = networkType;
    }

    @Override
    public String networkType() {
        return networkType;
    }

    /**
     * (Re)reads this driver's settings, at activation and when the PID changes: a changed PID must
     * not reactivate the drivers, which would take the networks collection away for a moment.
     */
    void configure(Ml2Config config) {
        globalPhysnetMtu = config.integer(Ml2Config.GLOBAL_PHYSNET_MTU);
        physnetMtus = config.physnetMtus();
    }

    /** Neutron's physical-network MTU: the smaller of the global and the per-physnet one that are set. */
    protected int physnetMtu(String physicalNetwork) {
        int mtu = globalPhysnetMtu > 0 ? globalPhysnetMtu : Integer.MAX_VALUE;
        Integer own = physicalNetwork == null ? null : physnetMtus.get(physicalNetwork);
        if (own != null && own > 0) {
            mtu = Math.min(mtu, own);
        }
        return mtu == Integer.MAX_VALUE ? 0 : mtu;
    }

    /** Neutron's "%s prohibited for &lt;type&gt; provider network" for keys a type does not take. */
    protected void prohibit(Segment s, boolean physicalNetwork, boolean segmentationId) {
        if (physicalNetwork && s.physicalNetwork() != null && !s.physicalNetwork().isEmpty()) {
            throw prohibited("physical_network");
        }
        // Neutron tests truthiness: a segmentation_id of 0 passes
        if (segmentationId && s.segmentationId() != null && s.segmentationId() != 0) {
            throw prohibited("segmentation_id");
        }
    }

    private NeutronException prohibited(String key) {
        return NeutronException.invalidInput(key + " prohibited for " + networkType + " provider network");
    }

    @Override
    public boolean isPartialSegment(Segment segment) {
        return false;
    }
}
