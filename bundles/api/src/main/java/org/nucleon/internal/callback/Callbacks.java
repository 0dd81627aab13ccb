package org.nucleon.internal.callback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The callback registry: a whiteboard of subscribers, kept sorted by priority. */
@Component(service = CallbackRegistry.class)
public class Callbacks implements CallbackRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);
    private static final int DEFAULT_PRIORITY = 55_550_000;
    /** How long a failed subscriber may take to leave; DS deactivation is slow on a loaded machine. */
    static final long DEPARTURE_WAIT_NANOS = 10_000_000_000L;

    private record Subscriber(ResourceCallback callback, List<String> resources, List<String> events, int priority) {
    }

    /** Replaced whole on every change, so a publish always iterates one consistent, sorted list. */
    private volatile List<Subscriber> subscribers = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindCallback(ResourceCallback c, Map<String, Object> props) {
        Object p = props.get(ResourceCallback.PRIORITY);
        List<Subscriber> next = new ArrayList<>(subscribers);
        next.add(new Subscriber(c, strings(props.get(ResourceCallback.RESOURCE)),
                strings(props.get(ResourceCallback.EVENTS)),
                p == null ? DEFAULT_PRIORITY : Integer.parseInt(p.toString().trim())));
        next.sort(Comparator.comparingInt(Subscriber::priority));
        subscribers = List.copyOf(next);
    }

    synchronized void unbindCallback(ResourceCallback c) {
        List<Subscriber> next = new ArrayList<>(subscribers);
        next.removeIf(s -> s.callback() == c);
        subscribers = List.copyOf(next);
    }

    private static List<String> strings(Object v) {
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(v.toString().split("\\s*,\\s*"));
    }

    /** Whether the subscriber is unbound within {@link #DEPARTURE_WAIT_NANOS}. */
    private boolean departs(Subscriber s) {
        long deadline = System.nanoTime() + DEPARTURE_WAIT_NANOS;
        while (subscribers.contains(s)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void publish(ResourceEvent event) {
        String key = event.event().key();
        for (Subscriber s : subscribers) {
            if (!s.resources().contains(event.resource()) || !s.events().contains(key)) {
                continue;
            }
            if (event.event().mayVeto()) {
                try {
                    s.callback().handle(event);
                } catch (NeutronException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw departs(s) ? new SubscriberDeparted(e) : e;
                }
            } else {
                try {
                    s.callback().handle(event);
                } catch (RuntimeException e) {
                    LOG.warn("{} subscriber failed on {} {}", key, event.resource(), event.id(), e);
                }
            }
        }
    }
}
