package org.nucleon.ml2.type;

import java.util.Map;
import javax.persistence.EntityManager;
import org.nucleon.ml2.spi.Segment;
import org.nucleon.ml2.spi.TypeDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/** Networks that live on one host: nothing to allocate, and no MTU limit of their own. */
@Component(service = TypeDriver.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class LocalTypeDriver extends AbstractTypeDriver {
    public LocalTypeDriver() {
        super("local");
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        configure(new Ml2Config(properties));
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        prohibit(segment, true, true);
    }

    @Override
    public Segment reserveProviderSegment(EntityManager em, Segment segment) {
        return new Segment(networkType(), null, null);
    }

    @Override
    public Segment allocateTenantSegment(EntityManager em) {
        return new Segment(networkType(), null, null);
    }

    @Override
    public void releaseSegment(EntityManager em, Segment segment) {
        // nothing was reserved
    }

    @Override
    public int mtu(String physicalNetwork) {
        return 0;
    }
}
