package org.nucleon.api.extension;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/** Which of Neutron's definitions are core resources, never listed as extensions. */
public class ApiDefinitionsTest {
    @Test
    public void onlyTheCoreResourcesAreCoreAndExtensionsWithoutAPrefixAreExtensions() {
        Set<String> core = new TreeSet<>();
        ApiDefinitions neutron = ApiDefinitions.neutron();
        neutron.aliases().stream().filter(a -> neutron.extension(a).core()).forEach(core::add);
        assertEquals(Set.of("network", "port", "subnet", "subnetpool"), core);
        // the reference Neutron lists these in /v2.0/extensions (sample 003), though they set no API prefix
        for (String alias : List.of("extraroute-atomic", "fip-port-details", "filter-validation",
                "empty-string-filtering")) {
            assertEquals(alias, false, neutron.extension(alias).core());
        }
    }
}
