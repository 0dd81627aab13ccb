package org.nucleon.extensions.quotas;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;

public class QuotaExtensionsTest {
    @Test
    public void descriptorsAreNeutrons() {
        List<ExtensionDescriptor> ds = QuotaExtensions.descriptors();
        assertEquals(List.of("quotas", "quota_details", "quota-check-limit"), ds.stream().map(ExtensionDescriptor::alias)
                .toList());
        // as the reference lists them (samples/003-extensions-list.json)
        assertEquals(List.of("Quota management support", "Expose functions for quotas management per project",
                "2012-07-29T10:00:00-00:00"), List.of(ds.get(0).name(), ds.get(0).description(), ds.get(0).updated()));
        assertEquals(List.of("Quota details management support",
                "Expose functions for quotas usage statistics per project", "2017-02-10T10:00:00-00:00"),
                List.of(ds.get(1).name(), ds.get(1).description(), ds.get(1).updated()));
        assertEquals(List.of("Quota engine limit check",
                "Support for checking the resource usage before applying a new quota limit",
                "2021-09-08T16:00:00-00:00"), List.of(ds.get(2).name(), ds.get(2).description(), ds.get(2).updated()));
        assertEquals(List.of("quotas"), ds.get(1).requires());

        var quotas = ds.get(0).resources().get("quotas");
        assertEquals(Map.of("default", "GET"), quotas.actions());
        assertEquals(Map.of("tenant", "GET", "project", "GET"), quotas.collectionActions());
        assertEquals(Map.of("details", "GET"), ds.get(1).resources().get("quotas").actions());
        AttributeDefinition port = quotas.attributes().get("port");
        assertTrue(port.allowPut());
        assertFalse(port.allowPost());
        assertEquals("convert_to_int", port.convertTo());
        assertEquals(List.of(-1, Integer.MAX_VALUE), port.validators().get(0).argument());
        assertFalse(quotas.attributes().get("check_limit").visible());
    }
}
