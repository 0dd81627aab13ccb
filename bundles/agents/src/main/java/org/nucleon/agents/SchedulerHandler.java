package org.nucleon.agents;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.PartialHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A scheduler sub-resource: another collection's members under a parent, e.g. the networks an
 * agent hosts ({@code /agents/{id}/dhcp-networks}) or the agents hosting a router
 * ({@code /routers/{id}/l3-agents}). The items are listed by that collection's own handler,
 * narrowed to the ids the scheduler has; only the agent side can add and remove. Served only
 * under a parent: without one every operation is 404.
 */
public abstract class SchedulerHandler extends PartialHandler {
    @Reference
    Scheduling scheduling;

    /** The networks on a DHCP agent. */
    @Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=dhcp-networks")
    public static class DhcpNetworks extends SchedulerHandler {
        @Reference(target = "(" + ResourceHandler.COLLECTION + "=networks)")
        ResourceHandler networks;

        public DhcpNetworks() {
            super(Kind.DHCP, true);
        }

        @Override
        ResourceHandler items() {
            return networks;
        }
    }

    /** The routers on an L3 agent; there while the router plugin serves routers. */
    @Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=l3-routers")
    public static class L3Routers extends SchedulerHandler {
        @Reference(target = "(" + ResourceHandler.COLLECTION + "=routers)")
        ResourceHandler routers;

        public L3Routers() {
            super(Kind.L3, true);
        }

        @Override
        ResourceHandler items() {
            return routers;
        }
    }

    /** The DHCP agents hosting a network. */
    @Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=dhcp-agents")
    public static class DhcpAgents extends SchedulerHandler {
        @Reference
        AgentHandler agents;

        public DhcpAgents() {
            super(Kind.DHCP, false);
        }

        @Override
        ResourceHandler items() {
            return agents;
        }
    }

    /** The L3 agents hosting a router. */
    @Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=l3-agents")
    public static class L3Agents extends SchedulerHandler {
        @Reference
        AgentHandler agents;
        // the route hangs under routers: gone with the router plugin
        @Reference(target = "(" + ResourceHandler.COLLECTION + "=routers)")
        ResourceHandler routers;

        public L3Agents() {
            super(Kind.L3, false);
        }

        @Override
        ResourceHandler items() {
            return agents;
        }
    }

    private final Kind kind;
    /** Whether the parent is the agent (its resources are listed) rather than the resource. */
    private final boolean underAgent;

    SchedulerHandler(Kind kind, boolean underAgent) {
        this.kind = kind;
        this.underAgent = underAgent;
    }

    /** The handler of the listed collection. */
    abstract ResourceHandler items();

    @Override
    public String itemCollection() {
        return underAgent ? kind.resource + "s" : "agents";
    }

    @Override
    public ResourceHandler under(String parentId) {
        return new Under(parentId);
    }

    /** The sub-collection under one parent. */
    private final class Under extends SchedulerHandler {
        private final String parentId;

        Under(String parentId) {
            super(kind, underAgent);
            this.parentId = parentId;
        }

        @Override
        ResourceHandler items() {
            return SchedulerHandler.this.items();
        }

        @Override
        public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
            Scheduling scheduling = SchedulerHandler.this.scheduling;
            List<String> ids = underAgent ? scheduling.hostedBy(kind, parentId)
                    : scheduling.hosting(kind, parentId).stream().map(a -> a.id).toList();
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<String, List<Object>> filters = new HashMap<>(query.filters());
            List<Object> wanted = filters.get("id");
            filters.put("id", ids.stream().filter(i -> wanted == null || wanted.contains(i)).map(i -> (Object) i)
                    .toList());
            return items().list(context, new ListQuery(filters, query.sorts(), query.limit(), query.marker(),
                    query.pageReverse()));
        }

        /** POST {"network_id": ...} / {"router_id": ...}: the resource must exist (404 else). */
        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> body) {
            if (!underAgent) {
                throw NeutronException.httpNotFound();
            }
            String key = kind.resource + "_id";
            Object id = body.get(key);
            if (!(id instanceof String resourceId)) {
                throw NeutronException.badRequest("Failed to parse request. Required attribute '" + key
                        + "' not specified");
            }
            items().get(context, resourceId);
            SchedulerHandler.this.scheduling.add(kind, parentId, resourceId);
            return Map.of();
        }

        @Override
        public void delete(RequestContext context, String id) {
            if (!underAgent) {
                throw NeutronException.httpNotFound();
            }
            SchedulerHandler.this.scheduling.remove(kind, parentId, id);
        }
    }
}
