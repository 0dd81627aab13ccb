package org.nucleon.ml2.port;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;

public class PortPluginTest {
    @Test
    public void everyDeclaredAliasHasADescriptor() {
        Map<String, ExtensionDescriptor> d = PortPlugin.descriptors().stream()
                .collect(Collectors.toMap(ExtensionDescriptor::alias, x -> x));
        assertEquals(new PortPlugin().supportedExtensionAliases(), d.keySet());
        assertEquals(Set.of("port", "allowed-address-pairs", "extra_dhcp_opt", "binding", "ip_allocation"),
                d.keySet());
        AttributeDefinition ipAllocation = d.get("ip_allocation").resources().get("ports").attributes()
                .get("ip_allocation");
        assertFalse(ipAllocation.allowPost() || ipAllocation.allowPut());
        assertEquals("IP Allocation", d.get("ip_allocation").name());
    }
}
