package org.nucleon.ml2.type;

import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.spi.Segment;
import org.nucleon.ml2.spi.TypeDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/** 802.1Q networks on the physical networks of {@code network_vlan_ranges}. */
@Component(service = TypeDriver.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class VlanTypeDriver extends AbstractTypeDriver {
    static final long MIN_VLAN_TAG = 1;
    static final long MAX_VLAN_TAG = 4094;

    private volatile Map<String, List<IdRange>> ranges = Map.of();

    public VlanTypeDriver() {
        super("vlan");
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        configure(new Ml2Config(properties));
    }

    @Override
    void configure(Ml2Config config) {
        super.configure(config);
        ranges = config.vlanRanges(MIN_VLAN_TAG, MAX_VLAN_TAG);
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        String physnet = segment.physicalNetwork();
        Long id = segment.segmentationId();
        if (physnet != null) {
            if (!ranges.containsKey(physnet)) {
                throw NeutronException.invalidInput(
                        "physical_network '" + physnet + "' unknown for VLAN provider network");
            }
            if (id != null && (id < MIN_VLAN_TAG || id > MAX_VLAN_TAG)) {
                throw NeutronException.invalidInput(
                        "segmentation_id out of range (" + MIN_VLAN_TAG + " through " + MAX_VLAN_TAG + ")");
            }
            if (id == null && ranges.get(physnet).isEmpty()) {
                throw NeutronException.invalidInput("Physical network " + physnet
                        + " requires segmentation_id to be specified when creating a provider network");
            }
        } else if (id != null) {
            throw NeutronException.invalidInput("segmentation_id requires physical_network for VLAN provider network");
        }
    }

    @Override
    public boolean isPartialSegment(Segment segment) {
        return segment.physicalNetwork() == null || segment.segmentationId() == null;
    }

    @Override
    public Segment reserveProviderSegment(EntityManager em, Segment segment) {
        if (isPartialSegment(segment)) {
            Segment s = allocate(em, segment.physicalNetwork());
            if (s == null) {
                throw Allocations.noNetworkAvailable();
            }
            return s;
        }
        String physnet = segment.physicalNetwork();
        long id = segment.segmentationId();
        Allocations.reserve(em, new SegmentAllocation.Key(networkType(), physnet, id),
                () -> NeutronException.conflict("VlanIdInUse", "Unable to create the network. The VLAN " + id
                        + " on physical network " + physnet + " is in use."));
        return segment;
    }

    @Override
    public Segment allocateTenantSegment(EntityManager em) {
        return allocate(em, null);
    }

    /** A free VLAN on the given physical network, or on the first configured one with any left. */
    private Segment allocate(EntityManager em, String physnet) {
        for (Map.Entry<String, List<IdRange>> r : ranges.entrySet()) {
            if (physnet == null || physnet.equals(r.getKey())) {
                Long id = Allocations.allocate(em, networkType(), r.getKey(), r.getValue());
                if (id != null) {
                    return new Segment(networkType(), r.getKey(), id);
                }
            }
        }
        return null;
    }

    @Override
    public void releaseSegment(EntityManager em, Segment segment) {
        Allocations.release(em, new SegmentAllocation.Key(networkType(), segment.physicalNetwork(),
                segment.segmentationId()));
    }

    @Override
    public int mtu(String physicalNetwork) {
        return physnetMtu(physicalNetwork);
    }
}
