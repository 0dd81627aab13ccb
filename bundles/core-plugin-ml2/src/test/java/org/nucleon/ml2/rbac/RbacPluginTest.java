package org.nucleon.ml2.rbac;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.nucleon.api.extension.ExtensionDescriptor;

public class RbacPluginTest {
    private static final Map<String, ExtensionDescriptor> DESCRIPTORS = RbacPlugin.descriptors().stream()
            .collect(Collectors.toMap(ExtensionDescriptor::alias, x -> x));

    @Test
    public void everyDeclaredAliasHasADescriptor() {
        assertEquals(RbacPlugin.ALIASES, DESCRIPTORS.keySet());
    }

    @Test
    public void rbacPoliciesIsACollectionAndTheTypesRequireTheirResources() {
        assertTrue(DESCRIPTORS.get("rbac-policies").resources().get("rbac_policies").defines());
        assertEquals(List.of("rbac-policies", "subnetpool"), DESCRIPTORS.get("rbac-subnetpool").requires());
        assertEquals(List.of("rbac-policies", "address-scope"), DESCRIPTORS.get("rbac-address-scope").requires());
        assertEquals(List.of("rbac-policies", "security-group"), DESCRIPTORS.get("rbac-security-groups").requires());
        assertEquals("Add subnetpool type to RBAC", DESCRIPTORS.get("rbac-subnetpool").name());
    }
}
