package org.nucleon.router;

import java.util.List;
import javax.persistence.EntityManager;

/** Queries on floating IPs that routers and the port callback need too. */
final class FloatingIps {
    private FloatingIps() {
    }

    static long countOfRouter(EntityManager em, String routerId) {
        return em.createQuery("SELECT COUNT(f) FROM FloatingIpEntity f WHERE f.routerId = :r", Long.class)
                .setParameter("r", routerId).getSingleResult();
    }

    /** The internal addresses the router translates, for the interface-in-use check. */
    static List<String> fixedAddressesOfRouter(EntityManager em, String routerId) {
        return em.createQuery("SELECT f.fixedIpAddress FROM FloatingIpEntity f WHERE f.routerId = :r", String.class)
                .setParameter("r", routerId).getResultList();
    }

    static List<FloatingIpEntity> ofFixedPort(EntityManager em, String portId) {
        return em.createQuery("SELECT f FROM FloatingIpEntity f WHERE f.fixedPortId = :p", FloatingIpEntity.class)
                .setParameter("p", portId).getResultList();
    }

    static FloatingIpEntity ofFloatingPort(EntityManager em, String portId) {
        List<FloatingIpEntity> found = em.createQuery("SELECT f FROM FloatingIpEntity f WHERE f.floatingPortId = :p",
                FloatingIpEntity.class).setParameter("p", portId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Another floating IP of the external network already on that fixed address, if any. */
    static FloatingIpEntity onFixedAddress(EntityManager em, String networkId, String portId, String address,
            String except) {
        List<FloatingIpEntity> found = em.createQuery("SELECT f FROM FloatingIpEntity f WHERE f.floatingNetworkId = :n"
                + " AND f.fixedPortId = :p AND f.fixedIpAddress = :a AND f.id <> :x", FloatingIpEntity.class)
                .setParameter("n", networkId).setParameter("p", portId).setParameter("a", address)
                .setParameter("x", except).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Routers with a gateway on the network, for finding the one that serves a floating IP. */
    static List<String> routersWithGateway(EntityManager em, String networkId) {
        return em.createQuery("SELECT r.id FROM RouterEntity r WHERE r.gwNetworkId = :n ORDER BY r.id", String.class)
                .setParameter("n", networkId).getResultList();
    }

    /** Interface ports of those routers on the network: [port id, router id]. */
    static List<Object[]> interfacesOn(EntityManager em, List<String> routerIds, String networkId) {
        return em.createQuery("SELECT p.portId, p.routerId FROM RouterPortEntity p WHERE p.networkId = :n"
                + " AND p.portType IS NULL AND p.routerId IN :r ORDER BY p.routerId", Object[].class)
                .setParameter("n", networkId).setParameter("r", routerIds).getResultList();
    }
}
