package org.nucleon.internal.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of extension descriptors, plugins and resource handlers. Every arrival or
 * departure rebuilds the snapshot and swaps it in one step; requests read the current one.
 */
@Component(service = ExtensionManager.class, immediate = true)
public class ExtensionManager {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionManager.class);

    private final Map<ExtensionDescriptor, Boolean> descriptors = new ConcurrentHashMap<>();
    private final Map<Plugin, Boolean> plugins = new ConcurrentHashMap<>();
    private final Map<ResourceHandler, String> handlers = new ConcurrentHashMap<>();
    private final Map<ResourceExtender, String> extenders = new ConcurrentHashMap<>();
    private final AtomicReference<ApiSnapshot> current = new AtomicReference<>(ApiSnapshot.EMPTY);

    public ApiSnapshot snapshot() {
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
        rebuild();
    }

    void unbindExtension(ExtensionDescriptor d) {
        descriptors.remove(d);
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPlugin(Plugin p) {
        plugins.put(p, Boolean.TRUE);
        rebuild();
    }

    void unbindPlugin(Plugin p) {
        plugins.remove(p);
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ResourceHandler.COLLECTION + "=*)")
    void bindHandler(ResourceHandler h, Map<String, Object> properties) {
        handlers.put(h, String.valueOf(properties.get(ResourceHandler.COLLECTION)));
        rebuild();
    }

    void unbindHandler(ResourceHandler h) {
        handlers.remove(h);
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ResourceHandler.COLLECTION + "=*)")
    void bindExtender(ResourceExtender e, Map<String, Object> properties) {
        extenders.put(e, String.valueOf(properties.get(ResourceHandler.COLLECTION)));
        rebuild();
    }

    void unbindExtender(ResourceExtender e) {
        extenders.remove(e);
        rebuild();
    }

    private synchronized void rebuild() {
        Set<String> supported = new HashSet<>();
        plugins.keySet().forEach(p -> supported.addAll(p.supportedExtensionAliases()));
        Map<String, ResourceHandler> byCollection = new LinkedHashMap<>();
        handlers.forEach((h, c) -> byCollection.put(c, h));
        Map<String, List<ResourceExtender>> extending = new LinkedHashMap<>();
        extenders.forEach((e, c) -> extending.computeIfAbsent(c, k -> new ArrayList<>()).add(e));
        ApiSnapshot next = SnapshotBuilder.build(descriptors.keySet(), supported, byCollection, extending);
        ApiSnapshot previous = current.getAndSet(next);
        if (!previous.extensions().equals(next.extensions()) || !previous.inactive().equals(next.inactive())) {
            LOG.info("API rebuilt: {} collections, {} active extensions, {} inactive", next.routes().size(),
                    next.extensions().size(), next.inactive().size());
        }
    }
}
