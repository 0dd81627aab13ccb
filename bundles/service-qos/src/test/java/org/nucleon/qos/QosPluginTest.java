package org.nucleon.qos;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.nucleon.api.extension.ExtensionDescriptor;

public class QosPluginTest {
    @Test
    public void everyDeclaredAliasHasADefinition() {
        Map<String, ExtensionDescriptor> byAlias = QosPlugin.descriptors().stream()
                .collect(Collectors.toMap(ExtensionDescriptor::alias, d -> d));
        assertEquals(QosPlugin.ALIASES, byAlias.keySet());
        assertEquals("QOS", new QosPlugin().pluginType());
        assertEquals("/qos", byAlias.get("qos-rules-alias").apiPrefix());
        assertTrue(byAlias.get("qos-rules-alias").resources().containsKey("alias_bandwidth_limit_rules"));
        assertTrue(byAlias.get("qos-port-network-policy").resources().get("ports").attributes()
                .containsKey("qos_network_policy_id"));
    }
}
