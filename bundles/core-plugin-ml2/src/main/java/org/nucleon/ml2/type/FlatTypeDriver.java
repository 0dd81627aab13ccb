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

/** Untagged networks: one per physical network, never for tenants. */
@Component(service = TypeDriver.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class FlatTypeDriver extends AbstractTypeDriver {
    /** Flat segments take id 0 in the allocation key: one row per physical network. */
    private static final long FLAT_ID = 0;

    /** null for any physical network ("*"), else the allowed ones; empty disables flat networks. */
    private volatile List<String> flatNetworks;

    public FlatTypeDriver() {
        super("flat");
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        configure(new Ml2Config(properties));
    }

    @Override
    void configure(Ml2Config config) {
        super.configure(config);
        List<String> names = config.list(Ml2Config.FLAT_NETWORKS);
        flatNetworks = names.contains("*") ? null : List.copyOf(names);
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        String physnet = segment.physicalNetwork();
        if (physnet == null || physnet.isEmpty()) {
            throw NeutronException.invalidInput("physical_network required for flat provider network");
        }
        if (flatNetworks != null && flatNetworks.isEmpty()) {
            throw NeutronException.invalidInput("Flat provider networks are disabled");
        }
        if (flatNetworks != null && !flatNetworks.contains(physnet)) {
            throw NeutronException.invalidInput(
                    "physical_network '" + physnet + "' unknown for flat provider network");
        }
        prohibit(segment, false, true);
    }

    @Override
    public Segment reserveProviderSegment(EntityManager em, Segment segment) {
        String physnet = segment.physicalNetwork();
        Allocations.reserve(em, key(physnet), () -> NeutronException.conflict("FlatNetworkInUse",
                "Unable to create the flat network. Physical network " + physnet + " is in use."));
        return new Segment(networkType(), physnet, null);
    }

    @Override
    public Segment allocateTenantSegment(EntityManager em) {
        return null;
    }

    @Override
    public void releaseSegment(EntityManager em, Segment segment) {
        Allocations.release(em, key(segment.physicalNetwork()));
    }

    private SegmentAllocation.Key key(String physnet) {
        return new SegmentAllocation.Key(networkType(), physnet, FLAT_ID);
    }

    @Override
    public int mtu(String physicalNetwork) {
        return physnetMtu(physicalNetwork);
    }
}
