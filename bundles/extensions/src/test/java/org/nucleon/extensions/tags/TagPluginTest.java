package org.nucleon.extensions.tags;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ResourceDefinition;

/** standard-attr-tag's descriptor, as Neutron's get_extended_resources has it. */
public class TagPluginTest {
    private final ExtensionDescriptor d = TagPlugin.descriptor();

    @Test
    public void asNeutronListsIt() {
        assertEquals("standard-attr-tag", d.alias());
        assertEquals("Tag support for resources with standard attribute: port, subnet, subnetpool, network, "
                + "security_group, router, floatingip, policy, trunk, network_segment_range", d.name());
        assertEquals("Enables to set tag on resources with standard attribute.", d.description());
        assertEquals("2017-01-01T00:00:00-00:00", d.updated());
        assertFalse(d.core());
        assertTrue(d.requires().isEmpty());
    }

    @Test
    public void tagsAndTheFourFiltersOnEveryTagCapableCollection() {
        assertEquals(TagPlugin.COLLECTIONS, List.copyOf(d.resources().keySet()));
        for (ResourceDefinition r : d.resources().values()) {
            assertFalse(r.collection(), r.defines());
            assertEquals(List.of("tags", "tags-any", "not-tags", "not-tags-any"), List.copyOf(r.attributes().keySet()));
            AttributeDefinition tags = r.attributes().get("tags");
            assertTrue(tags.visible() && tags.filter() && !tags.allowPut());
            assertEquals(r.collection(), r.collection().equals("ports"), tags.allowPost());
            for (String hidden : List.of("tags-any", "not-tags", "not-tags-any")) {
                AttributeDefinition a = r.attributes().get(hidden);
                assertTrue(a.filter() && !a.visible() && !a.allowPost() && !a.allowPut());
            }
        }
        AttributeDefinition portTags = d.resources().get("ports").attributes().get("tags");
        assertEquals(List.of(), portTags.defaultValue());
        assertEquals(List.of(new AttributeDefinition.ValidatorSpec("type:list_of_unique_strings", 255)),
                portTags.validators());
    }
}
