package org.nucleon.ml2.type;

import java.util.Map;
import org.nucleon.ml2.spi.TypeDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/** VXLAN: 24-bit VNIs; 1500 underlay gives 1450. */
@Component(service = TypeDriver.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class VxlanTypeDriver extends TunnelTypeDriver {
    public VxlanTypeDriver() {
        // UDP 8 + VXLAN 8 + inner Ethernet 14 (Neutron's VXLAN_ENCAP_OVERHEAD)
        super("vxlan", Ml2Config.VXLAN_VNI_RANGES, (1L << 24) - 1, 30);
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        configure(new Ml2Config(properties));
    }
}
