package org.nucleon.ml2.type;

import java.util.Map;
import org.nucleon.ml2.spi.TypeDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * Geneve: 24-bit VNIs and a header of variable size, so its overhead is configured
 * ({@code geneve_max_header_size}, Neutron's default 30 gives 1450; OVN deployments use 38: 1442).
 */
@Component(service = TypeDriver.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class GeneveTypeDriver extends TunnelTypeDriver {
    private volatile int maxHeaderSize;

    public GeneveTypeDriver() {
        super("geneve", Ml2Config.GENEVE_VNI_RANGES, (1L << 24) - 1, 0);
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        configure(new Ml2Config(properties));
    }

    @Override
    void configure(Ml2Config config) {
        super.configure(config);
        maxHeaderSize = config.integer(Ml2Config.GENEVE_MAX_HEADER_SIZE);
    }

    @Override
    protected int encapsulationOverhead() {
        return maxHeaderSize;
    }
}
