package org.nucleon.agents;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;

/** Which agents make availability zones for which resources, as Neutron's AZ_AGENT_TYPE_MAP. */
final class Zones {
    static final String DHCP_AGENT = "DHCP agent";
    static final String L3_AGENT = "L3 agent";
    static final Map<String, String> AGENT_TYPE_BY_RESOURCE = Map.of("network", DHCP_AGENT, "router", L3_AGENT);

    private Zones() {
    }

    /** The resource an agent type serves zones for, or null if none. */
    static String resourceOf(String agentType) {
        return AGENT_TYPE_BY_RESOURCE.entrySet().stream().filter(e -> e.getValue().equals(agentType))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /**
     * The first name no agent of the resource's type is in (alive or not, as Neutron's
     * validate_availability_zones), or null when all exist.
     */
    static String firstUnknown(EntityManager em, String resource, Collection<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        List<String> known = em.createQuery("select distinct a.availabilityZone from AgentEntity a"
                + " where a.agentType = :t and a.availabilityZone in :names", String.class)
                .setParameter("t", AGENT_TYPE_BY_RESOURCE.get(resource)).setParameter("names", names)
                .getResultList();
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(known);
        return names.stream().filter(missing::contains).findFirst().orElse(null);
    }
}
