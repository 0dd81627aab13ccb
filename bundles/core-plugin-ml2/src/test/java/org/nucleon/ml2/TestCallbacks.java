package org.nucleon.ml2;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.internal.callback.Callbacks;

/**
 * The API bundle's real callback registry outside OSGi, with subscribers bound as DS binds them
 * (their component properties given here), and a subscriber that records every event.
 */
public final class TestCallbacks {
    private TestCallbacks() {
    }

    public static CallbackRegistry registry() {
        return new Callbacks();
    }

    /** Binds a subscriber to the resources and events (lower-case keys), at a priority or the default (null). */
    public static void subscribe(CallbackRegistry registry, ResourceCallback callback, List<String> resources,
            List<String> events, Integer priority) {
        Map<String, Object> props = new HashMap<>();
        props.put(ResourceCallback.RESOURCE, resources.toArray(String[]::new));
        props.put(ResourceCallback.EVENTS, events.toArray(String[]::new));
        if (priority != null) {
            props.put(ResourceCallback.PRIORITY, priority);
        }
        try {
            Method bind = Callbacks.class.getDeclaredMethod("bindCallback", ResourceCallback.class, Map.class);
            bind.setAccessible(true);
            bind.invoke(registry, callback, props);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event key, e.g. {@code precommit_create}. */
    public static List<String> allEvents() {
        return java.util.Arrays.stream(Event.values()).map(Event::key).toList();
    }

    /** Records the events of some resources, in the order published. */
    public static final class EventLog implements ResourceCallback {
        private final List<ResourceEvent> events = new ArrayList<>();

        /** Subscribes a new log to every event of the resources, after all other subscribers. */
        public static EventLog of(CallbackRegistry registry, String... resources) {
            EventLog log = new EventLog();
            subscribe(registry, log, List.of(resources), allEvents(), Integer.MAX_VALUE);
            return log;
        }

        @Override
        public synchronized void handle(ResourceEvent event) {
            events.add(event);
        }

        public synchronized List<ResourceEvent> events() {
            return List.copyOf(events);
        }

        /** The events as {@code resource event id}, e.g. {@code port PRECOMMIT_DELETE 1234...}. */
        public synchronized List<String> lines() {
            return events.stream().map(e -> e.resource() + " " + e.event() + " " + e.id()).toList();
        }

        public synchronized void clear() {
            events.clear();
        }
    }
}
