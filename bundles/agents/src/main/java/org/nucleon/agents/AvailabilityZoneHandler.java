package org.nucleon.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.PartialHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Neutron's availability zones, derived from the agents: each (zone, resource) of a DHCP agent
 * (resource network) or an L3 agent (resource router) is available when any of its agents is
 * admin_state_up, as Neutron's _list_availability_zones (which ignores liveness). List only:
 * Neutron's API has no single availability zone.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=availability_zones")
public class AvailabilityZoneHandler extends PartialHandler {
    private static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparing((Map<String, Object> z) -> (String) z.get("name"))
            .thenComparing(z -> (String) z.get("resource"));

    @Reference(target = "(osgi.unit.name=nucleon-agents)")
    JpaTemplate jpa;

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Object[]> rows = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "select distinct a.availabilityZone, a.agentType, a.adminStateUp from AgentEntity a"
                        + " where a.availabilityZone is not null", Object[].class).getResultList());
        Map<List<String>, Boolean> zones = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (Object[] row : rows) {
            String resource = Zones.resourceOf((String) row[1]);
            if (resource != null && !((String) row[0]).isEmpty()) {
                zones.merge(List.of((String) row[0], resource), (Boolean) row[2], Boolean::logicalOr);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        zones.forEach((key, available) -> {
            Map<String, Object> z = new LinkedHashMap<>();
            z.put("name", key.get(0));
            z.put("resource", key.get(1));
            z.put("state", available ? "available" : "unavailable");
            if (matches(query, z)) {
                out.add(z);
            }
        });
        out.sort(ORDER);
        return out;
    }

    private static boolean matches(ListQuery query, Map<String, Object> zone) {
        for (String attr : List.of("name", "resource", "state")) {
            List<Object> wanted = query.filters().get(attr);
            if (wanted != null && !wanted.isEmpty() && wanted.stream().map(String::valueOf)
                    .noneMatch(zone.get(attr)::equals)) {
                return false;
            }
        }
        return true;
    }
}
