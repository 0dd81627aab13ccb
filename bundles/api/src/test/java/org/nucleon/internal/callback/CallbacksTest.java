package org.nucleon.internal.callback;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;

public class CallbacksTest {
    private final Callbacks callbacks = new Callbacks();
    private final List<String> calls = new ArrayList<>();

    private void subscribe(String name, Object resource, Object events, Integer priority, RuntimeException failure) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(ResourceCallback.RESOURCE, resource,
                ResourceCallback.EVENTS, events));
        if (priority != null) {
            props.put(ResourceCallback.PRIORITY, priority);
        }
        callbacks.bindCallback(e -> {
            calls.add(name + ":" + e.event().key());
            if (failure != null) {
                throw failure;
            }
        }, props);
    }

    private static ResourceEvent event(String resource, Event e) {
        return new ResourceEvent(resource, e, null, "id-1", Map.of(), null, null);
    }

    @Test
    public void subscribersRunByPriorityAndOnlyForTheirResourceAndEvents() {
        subscribe("late", "network", "precommit_create", 200, null);
        subscribe("early", new String[] {"network", "port"}, new String[] {"precommit_create", "after_create"}, 100,
                null);
        subscribe("ports-only", "port", "precommit_create", 1, null);
        callbacks.publish(event("network", Event.PRECOMMIT_CREATE));
        callbacks.publish(event("network", Event.AFTER_DELETE));
        assertEquals(List.of("early:precommit_create", "late:precommit_create"), calls);
    }

    @Test
    public void beforeAndPrecommitFailuresVetoAfterFailuresDoNot() {
        subscribe("veto", "network", "precommit_delete,after_delete", 1, NeutronException.conflict("NetworkInUse",
                "in use"));
        subscribe("next", "network", "precommit_delete,after_delete", 2, null);
        try {
            callbacks.publish(event("network", Event.PRECOMMIT_DELETE));
            fail("a precommit failure must stop the operation");
        } catch (NeutronException e) {
            assertEquals("NetworkInUse", e.type());
        }
        assertEquals(List.of("veto:precommit_delete"), calls);
        calls.clear();
        callbacks.publish(event("network", Event.AFTER_DELETE));
        assertEquals(List.of("veto:after_delete", "next:after_delete"), calls);
    }

    @Test
    public void aVetoingSubscriberThatFailsAsItLeavesIsReportedAsDeparted() {
        ResourceCallback[] self = new ResourceCallback[1];
        self[0] = e -> {
            // its persistence unit is closed and DS unbinds it while it fails
            callbacks.unbindCallback(self[0]);
            throw new IllegalStateException("EntityManagerFactory is closed");
        };
        callbacks.bindCallback(self[0], Map.of(ResourceCallback.RESOURCE, "network",
                ResourceCallback.EVENTS, "precommit_create"));
        try {
            callbacks.publish(event("network", Event.PRECOMMIT_CREATE));
            fail("the failure must stop the operation");
        } catch (RuntimeException e) {
            assertTrue(SubscriberDeparted.in(e));
        }
    }
}
