package org.nucleon.extensions.tags;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.extension.ApiDefinitions;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.extension.ExtensionRegistrations;
import org.nucleon.api.extension.ResourceDefinition;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.Plugin;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Neutron's tag plugin ({@code standard-attr-tag}): tags on every tag-capable collection some
 * plugin serves, kept in this bundle's table. It attaches to each collection an extender, the tag
 * filters and the {@code tags} routes; they take effect while the collection is served, and all
 * leave with this bundle, the plugins' own API staying as it was.
 */
@Component(service = Plugin.class, immediate = true)
public class TagPlugin implements Plugin {
    static final String ALIAS = "standard-attr-tag";
    /** Neutron's tagging.PARENTS, its tag-capable collections. */
    static final List<String> COLLECTIONS = List.of("floatingips", "network_segment_ranges", "networks", "policies",
            "ports", "routers", "security_groups", "subnetpools", "subnets", "trunks");
    /** The name Neutron derives from the members of its TAG_SUPPORTED_RESOURCES, in its order. */
    private static final String NAME = "Tag support for resources with standard attribute: port, subnet, subnetpool, "
            + "network, security_group, router, floatingip, policy, trunk, network_segment_range";

    private final List<ServiceRegistration<?>> attached = new ArrayList<>();
    private final ExtensionRegistrations descriptors;

    /** Registers the descriptor and, per collection, what it attaches there. */
    @Activate
    public TagPlugin(BundleContext context, @Reference(target = "(osgi.unit.name=nucleon-tags)") JpaTemplate jpa) {
        descriptors = ExtensionRegistrations.of(context, List.of(descriptor()));
        for (String c : COLLECTIONS) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(ResourceHandler.COLLECTION, c);
            props.put(MemberSubResource.NAME, Tags.TAGS);
            props.put(MemberSubResource.EXTENSION, ALIAS);
            attached.add(context.registerService(new String[] {ResourceExtender.class.getName(),
                IdFilter.class.getName(), MemberSubResource.class.getName()}, new CollectionTags(c, jpa), props));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : attached) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it first
            }
        }
        attached.clear();
        descriptors.close();
    }

    /**
     * standard-attr-tag as Neutron's get_extended_resources has it: the {@code tags} attribute and
     * the four filters on each tag-capable collection; ports also take {@code tags} on create.
     */
    static ExtensionDescriptor descriptor() {
        ExtensionDescriptor neutron = ApiDefinitions.neutron().extension(ALIAS);
        Map<String, ResourceDefinition> resources = new LinkedHashMap<>();
        for (String c : COLLECTIONS) {
            resources.put(c, new ResourceDefinition(c, ResourceDefinition.memberOf(c), null, null,
                    attributes(c.equals("ports")), Map.of(), false));
        }
        return new ExtensionDescriptor(ALIAS, NAME, neutron.description(), neutron.updated(), false, "",
                List.of(), List.of(), resources);
    }

    private static Map<String, AttributeDefinition> attributes(boolean onCreate) {
        Map<String, AttributeDefinition> out = new LinkedHashMap<>();
        AttributeDefinition.Builder tags = AttributeDefinition.builder(Tags.TAGS).visible(true).filter(true);
        if (onCreate) {
            tags.allowPost(true).defaultValue(List.of()).validators(List.of(new AttributeDefinition.ValidatorSpec(
                    "type:list_of_unique_strings", Tags.MAX_TAG_LEN)));
        }
        out.put(Tags.TAGS, tags.build());
        for (String hidden : List.of(CollectionTags.TAGS_ANY, CollectionTags.NOT_TAGS, CollectionTags.NOT_TAGS_ANY)) {
            out.put(hidden, AttributeDefinition.builder(hidden).filter(true).build());
        }
        return out;
    }

    @Override
    public String pluginType() {
        return "TAG";
    }

    @Override
    public Set<String> supportedExtensionAliases() {
        return Set.of(ALIAS);
    }
}
