package org.nucleon.ml2;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;

public class Ml2PluginTest {
    @Test
    public void everyDeclaredAliasHasADescriptor() {
        Map<String, ExtensionDescriptor> d = Ml2Plugin.descriptors().stream()
                .collect(Collectors.toMap(ExtensionDescriptor::alias, x -> x));
        assertEquals(Ml2Plugin.ALIASES, d.keySet());
    }

    @Test
    public void netMtuWritableExtendsNetworksWithAWritableMtu() {
        ExtensionDescriptor w = Ml2Plugin.descriptors().stream().filter(x -> x.alias().equals("net-mtu-writable"))
                .findFirst().orElseThrow();
        assertEquals(List.of("net-mtu"), w.requires());
        assertTrue(!w.resources().get("networks").defines());
        AttributeDefinition mtu = w.resources().get("networks").attributes().get("mtu");
        assertTrue(mtu.allowPost() && mtu.allowPut());
        assertEquals(0, mtu.defaultValue());
        assertEquals("convert_to_int", mtu.convertTo());
        assertEquals("type:non_negative", mtu.validators().get(0).name());
    }

    @Test
    public void rbacPoliciesIsACollectionAndTheTypesRequireTheirResources() {
        Map<String, ExtensionDescriptor> d = Ml2Plugin.descriptors().stream()
                .collect(Collectors.toMap(ExtensionDescriptor::alias, x -> x));
        assertTrue(d.get("rbac-policies").resources().get("rbac_policies").defines());
        assertEquals(List.of("rbac-policies", "subnetpool"), d.get("rbac-subnetpool").requires());
        assertEquals(List.of("rbac-policies", "address-scope"), d.get("rbac-address-scope").requires());
        assertEquals(List.of("rbac-policies", "security-group"), d.get("rbac-security-groups").requires());
        assertEquals("Add subnetpool type to RBAC", d.get("rbac-subnetpool").name());
    }
}
