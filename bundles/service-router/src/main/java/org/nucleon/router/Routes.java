package org.nucleon.router;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.nucleon.api.persistence.InLists;

/** The extra routes of routers, as API views ({@code destination}, {@code nexthop}). */
final class Routes {
    private Routes() {
    }

    static List<Map<String, Object>> of(EntityManager em, String routerId) {
        return ofRouters(em, List.of(routerId)).getOrDefault(routerId, List.of());
    }

    /** One query per batch of a page of routers (InLists); routers without routes are absent. */
    static Map<String, List<Map<String, Object>>> ofRouters(EntityManager em, Collection<String> routerIds) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        for (List<String> batch : InLists.batches(routerIds)) {
            for (RouteEntity r : em.createQuery("SELECT r FROM RouteEntity r WHERE r.routerId IN :ids"
                    + " ORDER BY r.routerId, r.position", RouteEntity.class).setParameter("ids", batch).getResultList()) {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("destination", r.destination);
                route.put("nexthop", r.nexthop);
                out.computeIfAbsent(r.routerId, k -> new ArrayList<>()).add(route);
            }
        }
        return out;
    }

    /** The router's routes become these, in this order. */
    static void replace(EntityManager em, String routerId, List<Map<String, Object>> routes) {
        em.createQuery("DELETE FROM RouteEntity r WHERE r.routerId = :r").setParameter("r", routerId).executeUpdate();
        int position = 0;
        for (Map<String, Object> route : routes) {
            RouteEntity r = new RouteEntity();
            r.id = UUID.randomUUID().toString();
            r.routerId = routerId;
            r.destination = (String) route.get("destination");
            r.nexthop = (String) route.get("nexthop");
            r.position = position++;
            em.persist(r);
        }
    }
}
