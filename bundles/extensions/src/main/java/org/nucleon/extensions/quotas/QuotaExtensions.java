package org.nucleon.extensions.quotas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.extension.ResourceDefinition;
import org.nucleon.api.plugin.Plugin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The quota extensions, plugin-agnostic in Neutron and so supported here by themselves:
 * {@code quotas}, {@code quota_details} and {@code quota-check-limit}. Stopping this bundle
 * takes them, and quota enforcement, out of the API.
 */
@Component(service = Plugin.class, immediate = true)
public class QuotaExtensions implements Plugin {
    static final String QUOTAS = "quotas";
    static final String DETAILS = "quota_details";
    static final String CHECK_LIMIT = "quota-check-limit";
    private static final Set<String> ALIASES = Set.of(QUOTAS, DETAILS, CHECK_LIMIT);
    /** Neutron's DB_QUOTA_DRIVER bound: neutron_lib.db.constants.DB_INTEGER_MAX_VALUE. */
    private static final int DB_INTEGER_MAX_VALUE = Integer.MAX_VALUE;

    private ExtensionRegistrations descriptors;

    @Activate
    void activate(BundleContext context) {
        descriptors = ExtensionRegistrations.of(context, descriptors());
    }

    @Deactivate
    void deactivate() {
        descriptors.close();
    }

    /**
     * Neutron fills the quotas attribute map at run time, one integer per quota resource; the
     * catalog's entry has none. quota_details and quota-check-limit are not in the catalog:
     * they are described here as Neutron's quotasv2_detail.py and neutron-lib's
     * quota_check_limit.py describe them.
     */
    static List<ExtensionDescriptor> descriptors() {
        ExtensionDescriptor q = ApiDefinitions.neutron().extension(QUOTAS);
        ResourceDefinition r = q.resources().get(QUOTAS);
        Map<String, AttributeDefinition> attrs = new LinkedHashMap<>();
        // shown by GET /quotas for each project; POST is accepted only to be answered 501, as Neutron does
        attrs.put("tenant_id", AttributeDefinition.builder("tenant_id").allowPost(true)
                .defaultValue(AttributeDefinition.NOT_SPECIFIED).visible(true).build());
        QuotaDriver.RESOURCES.keySet().forEach(name -> attrs.put(name, AttributeDefinition.builder(name)
                .allowPut(true).convertTo("convert_to_int").visible(true)
                .validators(List.of(new AttributeDefinition.ValidatorSpec("type:range",
                        List.of(-1, DB_INTEGER_MAX_VALUE)))).build()));
        // popped from the body by Neutron's update before the attributes are checked
        for (String flag : List.of(QuotaSetsHandler.CHECK_LIMIT, QuotaSetsHandler.FORCE)) {
            attrs.put(flag, AttributeDefinition.builder(flag).allowPut(true).convertTo("convert_to_boolean").build());
        }
        ExtensionDescriptor quotas = new ExtensionDescriptor(QUOTAS, q.name(),
                // the description Neutron gives with its database driver
                "Expose functions for quotas management per project", q.updated(), false, "", q.requires(),
                q.optional(), Map.of(QUOTAS, new ResourceDefinition(QUOTAS, r.member(), null, null, attrs,
                        r.actions(), true, r.collectionActions())));
        ExtensionDescriptor details = new ExtensionDescriptor(DETAILS, "Quota details management support",
                "Expose functions for quotas usage statistics per project", "2017-02-10T10:00:00-00:00", false, "",
                List.of(QUOTAS), List.of(), Map.of(QUOTAS, new ResourceDefinition(QUOTAS, r.member(), null, null,
                        Map.of(), Map.of("details", "GET"), false, Map.of("tenant", "GET"))));
        ExtensionDescriptor checkLimit = new ExtensionDescriptor(CHECK_LIMIT, "Quota engine limit check",
                "Support for checking the resource usage before applying a new quota limit",
                "2021-09-08T16:00:00-00:00", false, "", List.of(), List.of(), Map.of());
        return List.of(quotas, details, checkLimit);
    }

    @Override
    public String pluginType() {
        return "QUOTAS";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return ALIASES;
    }
}
