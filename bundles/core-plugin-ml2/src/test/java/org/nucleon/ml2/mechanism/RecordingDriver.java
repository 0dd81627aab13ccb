package org.nucleon.ml2.mechanism;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.spi.ForwardingMechanismDriver;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.PortBinding;

/**
 * A mechanism driver for tests: records every call with its context, in Neutron's method names
 * (e.g. {@code create_port_precommit}), and vetoes the calls it is told to with a 409.
 */
public class RecordingDriver extends ForwardingMechanismDriver {
    /** One call: Neutron's method name and what the driver was given. */
    public record Call(String method, MechanismContext context) {
        public Object id() {
            return (context.current() != null ? context.current() : context.original()).get("id");
        }
    }

    private final String name;
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> vetoes = new HashSet<>();
    private PortBinding binding;

    public RecordingDriver(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Makes the method (e.g. {@code delete_network_precommit}) fail from now on. */
    public RecordingDriver veto(String method) {
        vetoes.add(method);
        return this;
    }

    /** The binding {@link #bindPort} answers from now on (null binds nothing). */
    public RecordingDriver binds(PortBinding b) {
        binding = b;
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls as {@code method id}. */
    public synchronized List<String> lines() {
        return calls.stream().map(c -> c.method() + " " + c.id()).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }

    @Override
    protected synchronized void forward(String method, MechanismContext c) {
        calls.add(new Call(method, c));
        if (vetoes.contains(method)) {
            throw NeutronException.conflict("Vetoed", name + " vetoes " + method);
        }
    }

    @Override
    public PortBinding bindPort(MechanismContext c) {
        forward("bind_port", c);
        return binding;
    }
}
