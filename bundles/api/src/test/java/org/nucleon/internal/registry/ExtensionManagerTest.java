package org.nucleon.internal.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.Test;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ResourceHandler;

/** The snapshot follows every arrival and departure at the next read, and is not rebuilt without one. */
public class ExtensionManagerTest {

    private static final Plugin CORE = new Plugin() {
        @Override
        public String pluginType() {
            return "CORE";
        }

        @Override
        public Set<String> supportedExtensionAliases() {
            return Set.of("network");
        }
    };

    private static ExtensionManager withNetworks(ResourceHandler handler) {
        ExtensionManager m = new ExtensionManager();
        m.bindExtension(ApiDefinitions.neutron().extension("network"));
        m.bindPlugin(CORE);
        m.bindHandler(handler, Map.of(ResourceHandler.COLLECTION, "networks"));
        m.activate();
        return m;
    }

    @Test
    public void changesAreSeenByTheNextRead() {
        ResourceHandler networks = new SnapshotBuilderTest.Stub("networks");
        ExtensionManager m = withNetworks(networks);
        assertSame(networks, m.snapshot().match(List.of("networks")).route().handler());

        m.unbindHandler(networks);
        assertNull(m.snapshot().match(List.of("networks")));

        m.bindHandler(networks, Map.of(ResourceHandler.COLLECTION, "networks"));
        assertNotNull(m.snapshot().match(List.of("networks")));
        m.unbindPlugin(CORE);
        assertEquals(Map.of("network", "no loaded plugin supports it"), m.snapshot().inactive());
    }

    @Test
    public void readsWithoutChangesShareOneSnapshot() {
        ExtensionManager m = withNetworks(new SnapshotBuilderTest.Stub("networks"));
        ApiSnapshot first = m.snapshot();
        assertSame(first, m.snapshot());
        m.bindHandler(new SnapshotBuilderTest.Stub("subnets"), Map.of(ResourceHandler.COLLECTION, "subnets"));
        ApiSnapshot second = m.snapshot();
        assertNotSame(first, second);
        assertSame(second, m.snapshot());
    }

    /** Every service of the test comes from one bundle, which is to come back until "uninstalled". */
    private static final Object BUNDLE = new Object();

    private static ExtensionManager metering(AtomicBoolean returning, Plugin plugin, SnapshotBuilderTest.Stub... handlers) {
        return metering(returning, System::nanoTime, plugin, handlers);
    }

    private static ExtensionManager metering(AtomicBoolean returning, LongSupplier clock, Plugin plugin,
            SnapshotBuilderTest.Stub... handlers) {
        ExtensionManager m = new ExtensionManager() {
            @Override
            Object owner(Object service) {
                return BUNDLE;
            }

            @Override
            long now() {
                return clock.getAsLong();
            }

            @Override
            boolean returning(Object owner) {
                return returning.get();
            }
        };
        m.bindExtension(ApiDefinitions.neutron().extension("metering"));
        m.bindPlugin(plugin);
        for (SnapshotBuilderTest.Stub h : handlers) {
            m.bindHandler(h, Map.of(ResourceHandler.COLLECTION, h.name));
        }
        m.activate();
        return m;
    }

    private static final Plugin METERING = new Plugin() {
        @Override
        public String pluginType() {
            return "METERING";
        }

        @Override
        public Set<String> supportedExtensionAliases() {
            return Set.of("metering");
        }
    };

    @Test
    public void aHandlerLeavingWhileItsBundleStaysActiveIsRestartingUnderItsOwnPath() {
        AtomicBoolean returning = new AtomicBoolean(true);
        SnapshotBuilderTest.Stub labels = new SnapshotBuilderTest.Stub("metering_labels");
        ExtensionManager m = metering(returning, METERING, labels,
                new SnapshotBuilderTest.Stub("metering_label_rules"));
        List<String> label = List.of("metering-labels", "l1");
        assertNotNull(m.snapshot().match(label));
        m.unbindHandler(labels);
        assertTrue(m.restarting(label));
        assertTrue("metering left with the labels' handler, and the rules with it",
                m.restarting(List.of("metering-label-rules", "r1")));
        assertFalse("never served", m.restarting(List.of("networks", "n1")));
        m.bindHandler(labels, Map.of(ResourceHandler.COLLECTION, "metering_labels"));
        assertFalse("back: no longer restarting", m.restarting(label));
        m.unbindHandler(labels);
        assertTrue(m.restarting(label));
        returning.set(false);
        assertFalse("its bundle uninstalled meanwhile: not coming back", m.restarting(label));
    }

    /**
     * Bundle.update stops the bundle: its plugin leaves first and takes the extension, and with it
     * every route, out of the API before any handler leaves; those routes are still restarting.
     */
    @Test
    public void aBundleBeingUpdatedKeepsEveryRouteItServedRestarting() {
        AtomicBoolean returning = new AtomicBoolean(true);
        SnapshotBuilderTest.Stub labels = new SnapshotBuilderTest.Stub("metering_labels");
        SnapshotBuilderTest.Stub rules = new SnapshotBuilderTest.Stub("metering_label_rules");
        ExtensionManager m = metering(returning, METERING, labels, rules);
        List<String> rule = List.of("metering-label-rules", "r1");
        m.unbindPlugin(METERING);
        assertNull("the extension left with its plugin", m.snapshot().match(rule));
        assertTrue(m.restarting(rule));
        m.unbindHandler(labels);
        m.unbindHandler(rules);
        assertTrue(m.restarting(List.of("metering-labels", "l1")));
        m.bindPlugin(METERING);
        m.bindHandler(labels, Map.of(ResourceHandler.COLLECTION, "metering_labels"));
        m.bindHandler(rules, Map.of(ResourceHandler.COLLECTION, "metering_label_rules"));
        assertNotNull(m.snapshot().match(rule).route().handler());
        assertFalse("served again", m.restarting(rule));
    }

    /**
     * A bundle updated again soon after it came back from an update (a second release, or rolled
     * back) has the whole restart window for its second restart, not what the first left of it.
     */
    @Test
    public void eachRestartHasAWindowOfItsOwn() {
        AtomicLong clock = new AtomicLong();
        SnapshotBuilderTest.Stub labels = new SnapshotBuilderTest.Stub("metering_labels");
        SnapshotBuilderTest.Stub rules = new SnapshotBuilderTest.Stub("metering_label_rules");
        ExtensionManager m = metering(new AtomicBoolean(true), clock::get, METERING, labels, rules);
        List<String> label = List.of("metering-labels", "l1");
        m.unbindHandler(labels);
        m.unbindHandler(rules);
        assertTrue(m.restarting(label));
        clock.addAndGet(1_000_000_000L);
        m.bindHandler(labels, Map.of(ResourceHandler.COLLECTION, "metering_labels"));
        m.bindHandler(rules, Map.of(ResourceHandler.COLLECTION, "metering_label_rules"));
        assertFalse("back", m.restarting(label));
        clock.addAndGet(8_500_000_000L);
        m.unbindHandler(labels);
        assertTrue(m.restarting(label));
        clock.addAndGet(2_000_000_000L);
        assertTrue("11.5 s after the first restart began, 2 s into the second", m.restarting(label));
        clock.addAndGet(9_000_000_000L);
        assertFalse("the second restart's window is over", m.restarting(label));
    }

    /**
     * A rebuild that read the services just before the plugin left (a request's, on another
     * thread) finishes after the plugin marked its bundle restarting, and still serves every route
     * of it. That is no return: the routes go when the extension's definitions leave, and the
     * handlers after them. Requests for those routes wait for the new revision all the same.
     */
    @Test
    public void aRebuildThatReadTheServicesBeforeThePluginLeftEndsNoRestart() {
        AtomicBoolean leaveDuringRebuild = new AtomicBoolean();
        SnapshotBuilderTest.Stub labels = new SnapshotBuilderTest.Stub("metering_labels");
        SnapshotBuilderTest.Stub rules = new SnapshotBuilderTest.Stub("metering_label_rules");
        ExtensionDescriptor metering = ApiDefinitions.neutron().extension("metering");
        ExtensionManager m = new ExtensionManager() {
            @Override
            Object owner(Object service) {
                if (leaveDuringRebuild.getAndSet(false)) {
                    unbindPlugin(METERING);
                }
                return BUNDLE;
            }

            @Override
            boolean returning(Object owner) {
                return true;
            }
        };
        m.bindExtension(metering);
        m.bindPlugin(METERING);
        m.bindHandler(labels, Map.of(ResourceHandler.COLLECTION, "metering_labels"));
        m.bindHandler(rules, Map.of(ResourceHandler.COLLECTION, "metering_label_rules"));
        m.activate();
        List<String> label = List.of("metering-labels", "l1");

        m.bindExtension(ApiDefinitions.neutron().extension("network"));
        leaveDuringRebuild.set(true);
        assertSame("built from the services as they were before the plugin left", labels,
                m.snapshot().match(label).route().handler());
        m.unbindExtension(metering);
        assertNull(m.snapshot().match(label));
        m.unbindHandler(labels);
        m.unbindHandler(rules);
        assertTrue("still restarting", m.restarting(label));
        m.bindExtension(metering);
        m.bindPlugin(METERING);
        m.bindHandler(labels, Map.of(ResourceHandler.COLLECTION, "metering_labels"));
        assertTrue("metering is served once its rules' handler is back too", m.restarting(label));
        m.bindHandler(rules, Map.of(ResourceHandler.COLLECTION, "metering_label_rules"));
        assertSame(labels, m.snapshot().match(label).route().handler());
        assertFalse("served again", m.restarting(label));
    }
}
