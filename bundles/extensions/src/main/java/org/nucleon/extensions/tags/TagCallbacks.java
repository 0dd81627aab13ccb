package org.nucleon.extensions.tags;

import java.util.List;
import java.util.Map;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps tags in step with their resources: the {@code tags} of a create body (ports, bulk too:
 * tag-ports-during-bulk-creation) are stored inside the create's transaction, and a deleted
 * resource's tags go inside its delete's, as Neutron's foreign key cascades them: one commit (a
 * synchronous log write) fewer per delete, and no tags left behind when the delete rolls back.
 */
@Component(service = ResourceCallback.class, property = {
    ResourceCallback.RESOURCE + "=network", ResourceCallback.RESOURCE + "=subnet",
    ResourceCallback.RESOURCE + "=subnetpool", ResourceCallback.RESOURCE + "=port",
    ResourceCallback.RESOURCE + "=router", ResourceCallback.RESOURCE + "=floatingip",
    ResourceCallback.RESOURCE + "=security_group", ResourceCallback.RESOURCE + "=qos_policy",
    ResourceCallback.RESOURCE + "=trunk", ResourceCallback.RESOURCE + "=network_segment_range",
    ResourceCallback.EVENTS + "=precommit_create", ResourceCallback.EVENTS + "=precommit_delete"})
public class TagCallbacks implements ResourceCallback {
    /** Event resource names (Neutron's callback resources) to collections, where they differ from member + s. */
    private static final Map<String, String> COLLECTIONS = Map.of("qos_policy", "policies");

    private final JpaTemplate jpa;

    @Activate
    public TagCallbacks(@Reference(target = "(osgi.unit.name=nucleon-tags)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    @Override
    public void handle(ResourceEvent event) {
        if (event.event() == Event.PRECOMMIT_DELETE) {
            jpa.tx(TransactionType.Required, em -> TagStore.removeAll(em, event.id()));
        } else if (event.request() != null && event.request().get(Tags.TAGS) instanceof List<?> tags
                && !tags.isEmpty()) {
            String collection = COLLECTIONS.getOrDefault(event.resource(), event.resource() + "s");
            jpa.tx(TransactionType.Required, em -> TagStore.add(em, collection, event.id(),
                    tags.stream().map(String::valueOf).toList()));
        }
    }
}
