package org.nucleon.metering;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ResourceDefinition;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.Route;
import org.nucleon.internal.registry.SnapshotBuilder;

/** Without OSGi: the plugin's descriptors, the bundle's handlers and the API they make together. */
public class MeteringPluginTest {
    /** The DS property of a handler component, kept in its class file as one constant. */
    private static final Pattern COLLECTION_PROPERTY = Pattern.compile(Pattern.quote(ResourceHandler.COLLECTION)
            + "=([a-z_]+)");

    @Test
    public void everyDeclaredAliasHasADescriptor() {
        assertEquals(MeteringPlugin.ALIASES, MeteringPlugin.descriptors().stream().map(ExtensionDescriptor::alias)
                .collect(Collectors.toSet()));
        assertEquals("METERING", new MeteringPlugin().pluginType());
    }

    @Test
    public void everyCollectionOfTheAliasesHasAHandlerAndNoHandlerIsStray() throws Exception {
        Set<String> defined = MeteringPlugin.descriptors().stream().flatMap(d -> d.resources().values().stream())
                .filter(ResourceDefinition::defines).map(ResourceDefinition::collection).collect(Collectors.toSet());
        assertEquals(Set.of("metering_labels", "metering_label_rules"), defined);
        assertEquals(defined, handlers().keySet());
    }

    @Test
    public void bothAliasesGoActiveUnderTheMeteringPrefix() throws Exception {
        Map<String, ResourceHandler> handlers = new TreeMap<>();
        for (Map.Entry<String, Class<?>> h : handlers().entrySet()) {
            handlers.put(h.getKey(), (ResourceHandler) h.getValue().getDeclaredConstructor().newInstance());
        }
        ApiSnapshot api = SnapshotBuilder.build(MeteringPlugin.descriptors(), MeteringPlugin.ALIASES, handlers);
        assertEquals(Map.of(), api.inactive());
        assertTrue(api.isActive(MeteringPlugin.METERING) && api.isActive(MeteringPlugin.SOURCE_AND_DESTINATION));
        assertEquals("metering_label_rules",
                api.match(List.of("metering", "metering-label-rules")).route().collection());
        assertEquals("metering_labels", api.match(List.of("metering", "metering-labels", "x")).route().collection());
        assertNull(api.match(List.of("metering-labels")));

        Map<String, AttributeDefinition> rule = route(api, "metering_label_rules").attributes();
        // as Zed's effective map: remote_ip_prefix optional and unchecked there, the plugin checks it
        AttributeDefinition remote = rule.get("remote_ip_prefix");
        assertTrue(remote.hasDefault());
        assertNull(remote.defaultValue());
        assertEquals(List.of(), remote.validators());
        assertTrue(rule.get("source_ip_prefix").allowPost() && rule.get("destination_ip_prefix").allowPost());
        assertFalse(rule.get("direction").allowPut());
        assertTrue(route(api, "metering_labels").attributes().containsKey("project_id"));
    }

    private static Route route(ApiSnapshot api, String collection) {
        return api.routes().stream().filter(r -> r.collection().equals(collection)).findFirst().orElseThrow();
    }

    /** The bundle's ResourceHandler components by the collection their DS property names. */
    private static Map<String, Class<?>> handlers() throws URISyntaxException, IOException {
        Path classes = Path.of(MeteringPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Class<?>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Matcher m = COLLECTION_PROPERTY.matcher(new String(Files.readAllBytes(f),
                        StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    Class<?> type = load(classes.relativize(f));
                    assertTrue(type + " is no ResourceHandler", ResourceHandler.class.isAssignableFrom(type));
                    assertNull("two handlers of " + m.group(1), out.put(m.group(1), type));
                }
            }
        }
        return out;
    }

    private static Class<?> load(Path classFile) {
        String name = classFile.toString().replace(classFile.getFileSystem().getSeparator(), ".")
                .replaceFirst("\\.class$", "");
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
