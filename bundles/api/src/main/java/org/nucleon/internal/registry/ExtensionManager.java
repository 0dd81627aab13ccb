package org.nucleon.internal.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of extension descriptors, plugins, resource handlers and what other bundles
 * attach to their collections (extenders, id filters, member sub-resources). Every arrival or
 * departure marks the snapshot stale; the next read rebuilds it and swaps it in one step, so a
 * request after a change always sees it, while the hundred or so services a boot or a feature
 * install brings cost one rebuild instead of one each.
 */
@Component(service = ExtensionManager.class, immediate = true)
public class ExtensionManager {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionManager.class);
    private static final long RESTART_WINDOW_NANOS = 10_000_000_000L;

    private final Map<ExtensionDescriptor, Boolean> descriptors = new ConcurrentHashMap<>();
    private final Map<Plugin, Boolean> plugins = new ConcurrentHashMap<>();
    private final Map<ResourceHandler, String> handlers = new ConcurrentHashMap<>();
    /**
     * Bundles that lost a plugin or a handler while they were to come back (a dependency
     * restarted, or the bundle is being updated), and when they last did. A service marks its
     * bundle as it leaves, before the snapshot can lose any route of it. The mark lasts its window,
     * or until the bundle is no longer to come back; a route served again is simply served, so a
     * mark needs no end on return, which a rebuild that read the services before one left could
     * not tell from a return anyway.
     */
    private final Map<Object, Long> restartingSince = new ConcurrentHashMap<>();
    /** The routes each bundle's handlers serve; while it restarts, also those they served before. */
    private final Map<Object, List<Route>> routesOf = new ConcurrentHashMap<>();
    private final Map<ResourceExtender, String> extenders = new ConcurrentHashMap<>();
    private final Map<IdFilter, String> idFilters = new ConcurrentHashMap<>();
    private final Map<MemberSubResource, Map.Entry<String, SnapshotBuilder.SubResource>> subResources =
            new ConcurrentHashMap<>();
    private final AtomicReference<ApiSnapshot> current = new AtomicReference<>(ApiSnapshot.EMPTY);
    private final AtomicBoolean stale = new AtomicBoolean(true);

    public ApiSnapshot snapshot() {
        if (stale.get()) {
            rebuild();
        }
        return current.get();
    }

    @Activate
    void activate() {
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindExtension(ExtensionDescriptor d) {
        descriptors.put(d, Boolean.TRUE);
        stale.set(true);
    }

    void unbindExtension(ExtensionDescriptor d) {
        descriptors.remove(d);
        stale.set(true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPlugin(Plugin p) {
        plugins.put(p, Boolean.TRUE);
        stale.set(true);
    }

    void unbindPlugin(Plugin p) {
        leaving(p);
        plugins.remove(p);
        stale.set(true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ResourceHandler.COLLECTION + "=*)")
    void bindHandler(ResourceHandler h, Map<String, Object> properties) {
        String collection = String.valueOf(properties.get(ResourceHandler.COLLECTION));
        handlers.put(h, collection);
        stale.set(true);
    }

    void unbindHandler(ResourceHandler h) {
        leaving(h);
        handlers.remove(h);
        stale.set(true);
    }

    /** The bundle a service comes from, or null outside OSGi. */
    Object owner(Object service) {
        return FrameworkUtil.getBundle(service.getClass());
    }

    /** The clock of the restart window. */
    long now() {
        return System.nanoTime();
    }

    /** Marks the bundle of a departing service as restarting when it is to come back. */
    private void leaving(Object service) {
        Object owner = owner(service);
        if (owner != null && returning(owner)) {
            // brought up to date first, so the routes it serves now are among those remembered
            snapshot();
            restartingSince.put(owner, now());
        }
    }

    private boolean restarting(Object owner, long now) {
        Long since = restartingSince.get(owner);
        return since != null && now - since < RESTART_WINDOW_NANOS && returning(owner);
    }

    /**
     * Whether a bundle whose service left is to come back: still active (the component lost
     * a dependency, its persistence unit with the datasource under it), or stopped without being
     * marked stopped for good, as {@code Bundle.update} stops it before starting its new revision.
     * {@code Bundle.stop()} marks a bundle persistently stopped before its services leave; Karaf's
     * feature uninstall stops transiently too, but uninstalls the bundle right after, which ends
     * the wait. Asked again while requests wait, so an uninstall is seen as soon as it happens.
     * While the framework shuts down, bundles stop transiently too, and none comes back.
     */
    boolean returning(Object owner) {
        Bundle b = (Bundle) owner;
        if (b.getState() == Bundle.UNINSTALLED || frameworkStopping()) {
            return false;
        }
        try {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            return b.getState() == Bundle.ACTIVE || level != null && level.isPersistentlyStarted();
        } catch (IllegalArgumentException uninstalledMeanwhile) {
            return false;
        }
    }

    private static boolean frameworkStopping() {
        Bundle own = FrameworkUtil.getBundle(ExtensionManager.class);
        BundleContext context = own == null ? null : own.getBundleContext();
        return context == null || context.getBundle(Constants.SYSTEM_BUNDLE_ID).getState() == Bundle.STOPPING;
    }

    /**
     * Whether the path segments below {@code /v2.0} lead to a route, not served now, that a bundle
     * restarting within the last seconds served before; matched as the API matches them, since a
     * path names its collection in its own words ({@code qos/policies}, {@code metering-labels}).
     */
    public boolean restarting(List<String> segments) {
        long now = now();
        List<Route> before = restartingSince.keySet().stream().filter(b -> restarting(b, now))
                .flatMap(b -> routesOf.getOrDefault(b, List.of()).stream()).toList();
        if (before.isEmpty() || new ApiSnapshot(List.of(), Map.of(), before).match(segments) == null) {
            return false;
        }
        RouteMatch served = snapshot().match(segments);
        return served == null || served.route().handler() == null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ResourceHandler.COLLECTION + "=*)")
    void bindExtender(ResourceExtender e, Map<String, Object> properties) {
        extenders.put(e, String.valueOf(properties.get(ResourceHandler.COLLECTION)));
        stale.set(true);
    }

    void unbindExtender(ResourceExtender e) {
        extenders.remove(e);
        stale.set(true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ResourceHandler.COLLECTION + "=*)")
    void bindIdFilter(IdFilter f, Map<String, Object> properties) {
        idFilters.put(f, String.valueOf(properties.get(ResourceHandler.COLLECTION)));
        stale.set(true);
    }

    void unbindIdFilter(IdFilter f) {
        idFilters.remove(f);
        stale.set(true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(&(" + ResourceHandler.COLLECTION + "=*)("
                    + MemberSubResource.NAME + "=*))")
    void bindSubResource(MemberSubResource s, Map<String, Object> properties) {
        Object extension = properties.get(MemberSubResource.EXTENSION);
        subResources.put(s, Map.entry(String.valueOf(properties.get(ResourceHandler.COLLECTION)),
                new SnapshotBuilder.SubResource(String.valueOf(properties.get(MemberSubResource.NAME)),
                        extension == null ? null : extension.toString(), s)));
        stale.set(true);
    }

    void unbindSubResource(MemberSubResource s) {
        subResources.remove(s);
        stale.set(true);
    }

    /**
     * Which bundle serves which routes; a restarting bundle keeps those it served before it began
     * to leave, so requests for them wait for its return instead of getting 404.
     */
    private void rememberRoutes(ApiSnapshot next) {
        long now = now();
        Map<Object, List<Route>> byOwner = new HashMap<>();
        for (Route r : next.routes()) {
            Object owner = r.handler() == null ? null : owner(r.handler());
            if (owner != null) {
                byOwner.computeIfAbsent(owner, b -> new ArrayList<>()).add(r);
            }
        }
        restartingSince.keySet().removeIf(b -> !restarting(b, now));
        routesOf.keySet().removeIf(b -> !byOwner.containsKey(b) && !restartingSince.containsKey(b));
        byOwner.forEach((b, routes) -> routesOf.merge(b, List.copyOf(routes),
                restartingSince.containsKey(b) ? ExtensionManager::servedBeforeOrNow : (before, latest) -> latest));
    }

    /** The routes served now, and those served before that are not (yet) served again. */
    private static List<Route> servedBeforeOrNow(List<Route> before, List<Route> now) {
        Set<List<String>> paths = new HashSet<>();
        now.forEach(r -> paths.add(r.pathPattern()));
        List<Route> all = new ArrayList<>(now);
        before.stream().filter(r -> !paths.contains(r.pathPattern())).forEach(all::add);
        return List.copyOf(all);
    }

    private synchronized void rebuild() {
        // Cleared before reading the maps: a change made while building marks it stale again.
        if (!stale.getAndSet(false)) {
            return;
        }
        Set<String> supported = new HashSet<>();
        plugins.keySet().forEach(p -> supported.addAll(p.supportedExtensionAliases()));
        Map<String, ResourceHandler> byCollection = new LinkedHashMap<>();
        handlers.forEach((h, c) -> byCollection.put(c, h));
        Map<String, List<ResourceExtender>> extending = new LinkedHashMap<>();
        extenders.forEach((e, c) -> extending.computeIfAbsent(c, k -> new ArrayList<>()).add(e));
        Map<String, List<IdFilter>> filtering = new LinkedHashMap<>();
        idFilters.forEach((f, c) -> filtering.computeIfAbsent(c, k -> new ArrayList<>()).add(f));
        Map<String, List<SnapshotBuilder.SubResource>> below = new LinkedHashMap<>();
        subResources.values().forEach(e -> below.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        ApiSnapshot next = SnapshotBuilder.build(descriptors.keySet(), supported, byCollection, extending, filtering,
                below);
        ApiSnapshot previous = current.getAndSet(next);
        rememberRoutes(next);
        if (!previous.extensions().equals(next.extensions()) || !previous.inactive().equals(next.inactive())) {
            LOG.info("API rebuilt: {} collections, {} active extensions, {} inactive", next.routes().size(),
                    next.extensions().size(), next.inactive().size());
        }
    }
}
