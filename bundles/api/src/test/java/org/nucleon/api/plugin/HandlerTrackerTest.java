package org.nucleon.api.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;

public class HandlerTrackerTest {
    private final HandlerTracker tracker = new HandlerTracker(Map.of("networks", "core", "routers", "L3 router"));

    private static ResourceHandler handler() {
        return (ResourceHandler) Proxy.newProxyInstance(HandlerTrackerTest.class.getClassLoader(),
                new Class<?>[] {ResourceHandler.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> service(String collection, int ranking, long id) {
        return Map.of(ResourceHandler.COLLECTION, collection, "service.ranking", ranking, "service.id", id);
    }

    private void assertUnavailable(String collection, String message) {
        NeutronException e = assertThrows(NeutronException.class, () -> tracker.require(collection));
        assertEquals(503, e.status());
        assertEquals("HTTPServiceUnavailable", e.type());
        assertEquals(message, e.getMessage());
    }

    @Test
    public void aMissingHandlerIs503NamingItsPlugin() {
        assertUnavailable("networks", "The core plugin is not available.");
        assertUnavailable("routers", "The L3 router plugin is not available.");
    }

    @Test
    public void aHandlerServesItsCollectionUntilUnbound() {
        ResourceHandler networks = handler();
        tracker.bind(networks, service("networks", 0, 1));
        assertSame(networks, tracker.require("networks"));
        assertUnavailable("routers", "The L3 router plugin is not available.");

        tracker.unbind(networks, service("networks", 0, 1));
        assertUnavailable("networks", "The core plugin is not available.");
    }

    @Test
    public void theBestOfSeveralServesAndTheNextTakesOverWhenItGoes() {
        ResourceHandler old = handler();
        ResourceHandler newer = handler();
        ResourceHandler ranked = handler();
        tracker.bind(newer, service("networks", 0, 7));
        tracker.bind(old, service("networks", 0, 3));
        assertSame(old, tracker.require("networks"));
        tracker.bind(ranked, service("networks", 10, 9));
        assertSame(ranked, tracker.require("networks"));

        tracker.unbind(ranked, service("networks", 10, 9));
        assertSame(old, tracker.require("networks"));
        tracker.unbind(old, service("networks", 0, 3));
        assertSame(newer, tracker.require("networks"));
    }

    @Test
    public void collectionsNotAskedForAreIgnored() {
        tracker.bind(handler(), service("ports", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> tracker.require("ports"));
    }
}
