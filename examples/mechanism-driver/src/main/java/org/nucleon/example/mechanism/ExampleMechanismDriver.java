package org.nucleon.example.mechanism;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.nucleon.ml2.spi.ForwardingMechanismDriver;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.MechanismDriver;
import org.nucleon.ml2.spi.PortBinding;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mechanism driver to copy: it records every call it gets, by Neutron's method name and the
 * resource's id (see {@code example:mechanism-calls} in the Karaf shell), and binds ports whose {@code binding:host_id} starts with the configured
 * prefix, with VIF type {@code fake}. Install the bundle and such ports bind; stop it and new
 * bindings fail, with no restart.
 */
@Component(service = {MechanismDriver.class, ExampleMechanismDriver.class}, configurationPid = "org.nucleon.example.mechanism")
@Designate(ocd = ExampleMechanismDriver.Config.class)
public class ExampleMechanismDriver extends ForwardingMechanismDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ExampleMechanismDriver.class);
    private static final int KEPT = 1000;

    @ObjectClassDefinition(name = "Nucleon example mechanism driver")
    public @interface Config {
        @AttributeDefinition(description = "Hosts whose name starts with this are bound by this driver")
        String host_prefix() default "fake-";
    }

    private final Deque<String> calls = new ArrayDeque<>();
    private String hostPrefix;

    @Activate
    void activate(Config config) {
        hostPrefix = config.host_prefix();
    }

    @Override
    public String name() {
        return "example";
    }

    /** The most recent calls, oldest first, e.g. {@code create_port_precommit <port id>}, at most 1000. */
    public synchronized List<String> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    protected synchronized void forward(String call, MechanismContext c) {
        Map<String, Object> resource = c.current() != null ? c.current() : c.original();
        String entry = call + " " + (resource == null ? null : resource.get("id"));
        LOG.info("example mechanism driver: {}", entry);
        if (calls.size() == KEPT) {
            calls.removeFirst();
        }
        calls.addLast(entry);
    }

    @Override
    public PortBinding bindPort(MechanismContext c) {
        forward("bind_port", c);
        if (c.host() == null || !c.host().startsWith(hostPrefix)) {
            return null;
        }
        String segment = c.segments().isEmpty() ? null : String.valueOf(c.segments().get(0).get("id"));
        return new PortBinding("fake", Map.of("port_filter", false, "bound_by", name()), segment);
    }
}
