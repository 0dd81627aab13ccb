package org.nucleon.router;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;

/**
 * DVR's centralized SNAT ports, as Neutron's L3_NAT_with_dvr_db_mixin keeps them: a distributed
 * router with a gateway has one port (owner {@value #OWNER}, no project, an address picked by
 * the core) on the network of each of its interfaces; any other router has none.
 */
final class SnatPorts {
    static final String OWNER = "network:router_centralized_snat";

    private SnatPorts() {
    }

    /** Brings the router's SNAT ports in line with its kind, gateway and interfaces; call after each change of them. */
    static void sync(CoreResources core, EntityManager em, RouterEntity router) {
        Set<String> wanted = new HashSet<>();
        if (router.isDistributed() && router.gwPortId != null) {
            wanted.addAll(em.createQuery("SELECT p.networkId FROM RouterPortEntity p WHERE p.routerId = :r"
                    + " AND p.portType IS NULL", String.class).setParameter("r", router.id).getResultList());
        }
        List<RouterPortEntity> existing = em.createQuery("SELECT p FROM RouterPortEntity p WHERE p.routerId = :r"
                + " AND p.portType = :t", RouterPortEntity.class).setParameter("r", router.id)
                .setParameter("t", OWNER).getResultList();
        for (RouterPortEntity row : existing) {
            if (!wanted.remove(row.networkId)) {
                em.remove(row);
                // the port callback must see the port released before the core deletes it
                em.flush();
                core.deletePort(CoreResources.ADMIN, row.portId);
            }
        }
        for (String networkId : wanted) {
            Map<String, Object> port = core.createPort(CoreResources.ADMIN, "", networkId, router.id, OWNER, null);
            RouterPortEntity row = new RouterPortEntity();
            row.portId = (String) port.get("id");
            row.routerId = router.id;
            row.networkId = networkId;
            row.portType = OWNER;
            em.persist(row);
        }
    }
}
