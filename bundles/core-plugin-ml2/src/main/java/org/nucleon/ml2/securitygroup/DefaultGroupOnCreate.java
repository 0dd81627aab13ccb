package org.nucleon.ml2.securitygroup;

import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gives a project its default security group before its first network is created, as
 * Neutron's {@code _ensure_default_security_group_handler} does on network BEFORE_CREATE:
 * outside the network's transaction, so concurrent first creates settle on one group.
 */
@Component(property = {ResourceCallback.RESOURCE + "=network", ResourceCallback.EVENTS + "=before_create"})
public class DefaultGroupOnCreate implements ResourceCallback {
    @Reference
    SecurityGroups groups;

    @Override
    public void handle(ResourceEvent event) {
        Object project = event.state().get("tenant_id");
        if (project instanceof String p && !p.isEmpty()) {
            groups.ensureDefault(event.context(), p);
        }
    }
}
