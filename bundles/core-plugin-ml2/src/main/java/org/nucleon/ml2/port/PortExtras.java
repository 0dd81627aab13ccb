package org.nucleon.ml2.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.nucleon.api.persistence.PageKeys;

/**
 * The port attributes kept in their own tables: allowed address pairs and extra DHCP options,
 * read a page at a time.
 */
final class PortExtras {
    private PortExtras() {
    }

    /** Replaces the port's pairs (a pair without a MAC takes the port's); returns them as shown. */
    static List<Map<String, Object>> setPairs(EntityManager em, PortEntity port, List<?> pairs) {
        List<Map<String, Object>> out = new ArrayList<>();
        removePairs(em, port.id);
        for (Object o : pairs) {
            Map<?, ?> pair = (Map<?, ?>) o;
            AllowedAddressPairEntity e = new AllowedAddressPairEntity();
            e.portId = port.id;
            e.ipAddress = String.valueOf(pair.get("ip_address"));
            Object mac = pair.get("mac_address");
            e.macAddress = mac == null ? port.macAddress : mac.toString();
            em.persist(e);
            out.add(ordered("ip_address", e.ipAddress, "mac_address", e.macAddress));
        }
        out.sort(java.util.Comparator.comparing(m -> (String) m.get("ip_address")));
        return out;
    }

    /**
     * Neutron's update semantics for extra_dhcp_opts: an option with a null value is removed,
     * others are added or replaced, per option name and IP version. Returns the port's options.
     */
    static List<Map<String, Object>> setDhcpOpts(EntityManager em, String portId, List<?> opts) {
        for (Object o : opts) {
            Map<?, ?> opt = (Map<?, ?>) o;
            String name = String.valueOf(opt.get("opt_name"));
            int version = opt.get("ip_version") == null ? 4 : ((Number) opt.get("ip_version")).intValue();
            ExtraDhcpOptEntity.Key key = new ExtraDhcpOptEntity.Key();
            key.portId = portId;
            key.optName = name;
            key.ipVersion = version;
            ExtraDhcpOptEntity existing = em.find(ExtraDhcpOptEntity.class, key);
            Object value = opt.get("opt_value");
            if (value == null) {
                if (existing != null) {
                    em.remove(existing);
                }
            } else if (existing != null) {
                existing.optValue = value.toString();
            } else {
                ExtraDhcpOptEntity e = new ExtraDhcpOptEntity();
                e.portId = portId;
                e.optName = name;
                e.ipVersion = version;
                e.optValue = value.toString();
                em.persist(e);
            }
        }
        em.flush();
        return dhcpOptsOf(em, PageKeys.of(List.of(portId))).getOrDefault(portId, List.of());
    }

    static void removePairs(EntityManager em, String portId) {
        em.createQuery("DELETE FROM AllowedAddressPairEntity a WHERE a.portId = :p").setParameter("p", portId)
                .executeUpdate();
    }

    static void removeDhcpOpts(EntityManager em, String portId) {
        em.createQuery("DELETE FROM ExtraDhcpOptEntity o WHERE o.portId = :p").setParameter("p", portId)
                .executeUpdate();
    }

    static Map<String, List<Map<String, Object>>> pairsOf(EntityManager em, PageKeys ports) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        ports.query(em, "SELECT a.portId, a.ipAddress, a.macAddress FROM AllowedAddressPairEntity a WHERE %s "
                + "ORDER BY a.portId, a.ipAddress", "a.portId", Object[].class, row -> (String) row[0])
                .forEach(row -> out.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                        .add(ordered("ip_address", row[1], "mac_address", row[2])));
        return out;
    }

    static Map<String, List<Map<String, Object>>> dhcpOptsOf(EntityManager em, PageKeys ports) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        ports.query(em, "SELECT o.portId, o.optName, o.optValue, o.ipVersion FROM ExtraDhcpOptEntity o WHERE %s "
                + "ORDER BY o.portId, o.optName, o.ipVersion", "o.portId", Object[].class, row -> (String) row[0])
                .forEach(row -> out.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                        .add(ordered("opt_name", row[1], "opt_value", row[2], "ip_version", row[3])));
        return out;
    }

    static boolean hasPairs(EntityManager em, String portId) {
        return !pairsOf(em, PageKeys.of(List.of(portId))).isEmpty();
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
