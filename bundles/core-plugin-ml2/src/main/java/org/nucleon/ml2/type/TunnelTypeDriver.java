package org.nucleon.ml2.type;

import java.util.List;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.spi.Segment;

/**
 * Overlay networks (vxlan, gre, geneve): ids from configured ranges, no physical network, and an
 * MTU of the underlay's less the IP header and the encapsulation overhead.
 */
abstract class TunnelTypeDriver extends AbstractTypeDriver {
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;

    private final String rangesKey;
    private final long maxId;
    private final int overhead;
    private volatile List<IdRange> ranges = List.of();
    private volatile int pathMtu;
    private volatile int ipHeader;

    /**
     * @param rangesKey the option listing tenant ranges, e.g. {@code vxlan_vni_ranges}
     * @param maxId     the largest id the protocol carries, for checking those ranges
     * @param overhead  bytes the encapsulation adds on top of the outer IP header
     */
    protected TunnelTypeDriver(String networkType, String rangesKey, long maxId, int overhead) {
        super(networkType);
        this.rangesKey = rangesKey;
        this.maxId = maxId;
        this.overhead = overhead;
    }

    @Override
    void configure(Ml2Config config) {
        super.configure(config);
        ranges = config.ranges(rangesKey, maxId);
        pathMtu = config.integer(Ml2Config.PATH_MTU);
        int version = config.integer(Ml2Config.OVERLAY_IP_VERSION);
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException(Ml2Config.OVERLAY_IP_VERSION + " must be 4 or 6, not " + version);
        }
        ipHeader = version == 4 ? IPV4_HEADER : IPV6_HEADER;
    }

    /** Bytes the encapsulation adds on top of the outer IP header. */
    protected int encapsulationOverhead() {
        return overhead;
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        if (segment.physicalNetwork() != null && !segment.physicalNetwork().isEmpty()) {
            throw NeutronException.invalidInput(
                    "provider:physical_network specified for " + networkType() + " network");
        }
        // Neutron takes any integer id for a provider tunnel, in the ranges or not.
    }

    @Override
    public boolean isPartialSegment(Segment segment) {
        return segment.segmentationId() == null;
    }

    @Override
    public Segment reserveProviderSegment(EntityManager em, Segment segment) {
        if (isPartialSegment(segment)) {
            Segment s = allocateTenantSegment(em);
            if (s == null) {
                throw Allocations.noNetworkAvailable();
            }
            return s;
        }
        long id = segment.segmentationId();
        Allocations.reserve(em, key(id), () -> NeutronException.conflict("TunnelIdInUse",
                "Unable to create the network. The tunnel ID " + id + " is in use."));
        return new Segment(networkType(), null, id);
    }

    @Override
    public Segment allocateTenantSegment(EntityManager em) {
        Long id = Allocations.allocate(em, networkType(), null, ranges);
        return id == null ? null : new Segment(networkType(), null, id);
    }

    @Override
    public void releaseSegment(EntityManager em, Segment segment) {
        Allocations.release(em, key(segment.segmentationId()));
    }

    private SegmentAllocation.Key key(long id) {
        return new SegmentAllocation.Key(networkType(), null, id);
    }

    @Override
    public int mtu(String physicalNetwork) {
        int underlay = physnetMtu(null);
        if (pathMtu > 0) {
            underlay = underlay > 0 ? Math.min(underlay, pathMtu) : pathMtu;
        }
        return underlay > 0 ? underlay - ipHeader - encapsulationOverhead() : 0;
    }
}
