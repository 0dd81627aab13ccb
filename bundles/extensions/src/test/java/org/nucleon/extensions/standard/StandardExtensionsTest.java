package org.nucleon.extensions.standard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.ExtensionDescriptor;

public class StandardExtensionsTest {
    @Test
    public void everyAliasIsInNeutronsCatalogAndAddsNoCollectionOfItsOwn() {
        for (String alias : StandardExtensions.ALIASES) {
            ExtensionDescriptor d = ApiDefinitions.neutron().extension(alias);
            assertEquals(alias, d.alias());
            assertTrue(alias + " must only extend", d.resources().values().stream().noneMatch(r -> r.defines()));
        }
        assertTrue(ApiDefinitions.neutron().extension("standard-attr-timestamp").resources().get("networks")
                .attributes().containsKey("created_at"));
    }
}
