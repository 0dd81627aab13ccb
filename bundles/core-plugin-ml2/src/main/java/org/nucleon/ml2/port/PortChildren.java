package org.nucleon.ml2.port;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.persistence.EntityManager;
import org.eclipse.persistence.sessions.Session;

/**
 * What this server last read of each port's rows in other tables (its addresses, groups, pairs and
 * DHCP options), with the port's revision at that read. Every change to those rows moves the port's
 * revision (an update, a subnet delete that takes an address), so what is kept for the revision a
 * port has now is what the tables hold. A list of 1,000 ports spent a quarter of its time reading
 * them again, and a show four of its seven statements.
 *
 * <p>Kept only where no other server writes the rows (embedded Derby, where the unit keeps a shared
 * cache too): a server of an older build, in a rolling upgrade on a shared database, might change
 * them without moving the revision. Filled only by reads outside a transaction, which see committed
 * rows: a transaction's own view may still roll back. Bounded by starting afresh when full.
 */
final class PortChildren {
    /** Ten pages of 1,000 ports, some 10 MB: a walk through more starts afresh every ten pages. */
    static final int MAX_PORTS = 10_000;

    /** One port's rows, read at its revision; the lists are shared between answers, so none can be changed. */
    record Rows(long revision, List<Map<String, Object>> fixedIps, List<String> groups,
            List<Map<String, Object>> pairs, List<Map<String, Object>> dhcpOpts) {
        Rows {
            fixedIps = frozen(fixedIps);
            groups = List.copyOf(groups);
            pairs = frozen(pairs);
            dhcpOpts = frozen(dhcpOpts);
        }

        /** Each item keeps its keys' order (Neutron's), which Map.copyOf would not. */
        private static List<Map<String, Object>> frozen(List<Map<String, Object>> items) {
            return items.stream().map(Collections::unmodifiableMap).toList();
        }
    }

    private final Map<String, Rows> byPort = new ConcurrentHashMap<>();

    /** Whether views read through this em may be kept and used. */
    static boolean usable(EntityManager em) {
        return !em.isJoinedToTransaction()
                && em.unwrap(Session.class).getDescriptor(PortEntity.class).isSharedIsolation();
    }

    /** The port's rows at its current revision, if kept. */
    Rows get(PortEntity port) {
        Rows rows = byPort.get(port.id);
        return rows != null && rows.revision() == port.revision() ? rows : null;
    }

    void put(String portId, Rows rows) {
        if (byPort.size() >= MAX_PORTS) {
            byPort.clear();
        }
        byPort.put(portId, rows);
    }
}
