package org.nucleon.ml2.ipam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.nucleon.api.extension.ExtensionDescriptor;

public class IpamPluginTest {
    @Test
    public void everyDeclaredAliasHasADescriptor() {
        Map<String, ExtensionDescriptor> byAlias = IpamPlugin.descriptors().stream()
                .collect(Collectors.toMap(ExtensionDescriptor::alias, d -> d));
        assertEquals(IpamPlugin.ALIASES, byAlias.keySet());
        assertEquals(Map.of("add_prefixes", "PUT", "remove_prefixes", "PUT"),
                byAlias.get("subnetpool-prefix-ops").resources().get("subnetpools").actions());
        assertTrue(byAlias.get("subnetpool-prefix-ops").requires().contains("subnet_allocation"));
    }
}
