package org.nucleon.internal.controller;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.function.ThrowingRunnable;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.Route;
import org.nucleon.internal.registry.SnapshotBuilder;

/** Snapshots built from Neutron's real definitions, request contexts, and error assertions. */
final class Fixtures {
    static final RequestContext ADMIN = new RequestContext("p1", "u1", List.of("admin"), true, "req-1");
    static final RequestContext MEMBER = new RequestContext("p1", "u1", List.of("member"), false, "req-2");
    /** A context without a project, as Neutron's noauth pipeline builds it. */
    static final RequestContext NO_PROJECT = new RequestContext(null, null, List.of(), true, "req-3");

    private Fixtures() {
    }

    /**
     * A snapshot of the given aliases, all supported by a plugin, each collection served by the
     * handler given for it ("collection", handler, ...).
     */
    static ApiSnapshot snapshot(List<String> aliases, Object... handlers) {
        List<ExtensionDescriptor> ds = new ArrayList<>();
        aliases.forEach(a -> ds.add(ApiDefinitions.neutron().extension(a)));
        Map<String, ResourceHandler> hs = new HashMap<>();
        for (int i = 0; i < handlers.length; i += 2) {
            hs.put((String) handlers[i], (ResourceHandler) handlers[i + 1]);
        }
        return SnapshotBuilder.build(ds, new HashSet<>(aliases), hs);
    }

    static Route route(ApiSnapshot s, String collection) {
        Route r = s.routes().stream().filter(x -> x.collection().equals(collection)).findFirst().orElse(null);
        assertNotNull("no route for " + collection + " in " + s.routes(), r);
        return r;
    }

    /** The network route of a snapshot holding only the core network definition. */
    static Route networkRoute() {
        return route(snapshot(List.of("network"), "networks", new FakeResourceHandler("Network")), "networks");
    }

    /** Runs r, expecting a NeutronException of that status, type and message. */
    static NeutronException assertNeutronError(int status, String type, String message, ThrowingRunnable r) {
        try {
            r.run();
        } catch (NeutronException e) {
            assertEquals("type of: " + e.getMessage(), type, e.type());
            assertEquals(message, e.getMessage());
            assertEquals(status, e.status());
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected NeutronException " + type + " but got " + t, t);
        }
        fail("expected NeutronException " + type + ": " + message);
        return null;
    }
}
