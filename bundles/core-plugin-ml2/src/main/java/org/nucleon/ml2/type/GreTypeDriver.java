package org.nucleon.ml2.type;

import java.util.Map;
import org.nucleon.ml2.spi.TypeDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/** GRE: 32-bit tunnel keys; 1500 underlay gives 1458. */
@Component(service = TypeDriver.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class GreTypeDriver extends TunnelTypeDriver {
    public GreTypeDriver() {
        // GRE with key 8 + inner Ethernet 14 (Neutron's GRE_ENCAP_OVERHEAD)
        super("gre", Ml2Config.GRE_TUNNEL_ID_RANGES, (1L << 32) - 1, 22);
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        configure(new Ml2Config(properties));
    }
}
