package org.nucleon.ml2.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.persistence.EntityManager;
import org.eclipse.persistence.sessions.Session;
import org.nucleon.ml2.subnet.SubnetEntity;

/**
 * The addresses of subnets that are held, as this server last saw them: a bit per address for IPv4,
 * the held addresses in order for IPv6, so that picking a free address reads no rows instead of every
 * allocation of the subnet (that read, and the walk over it, grew with the subnet: a third of a port
 * create on IPv4; on an IPv6 subnet of 10,000 ports, 22 ms per create).
 *
 * <p>Only a hint. The primary key of {@code ipallocations} still refuses an address held twice;
 * a pick that loses that race (to another server, or on a stale entry) drops the entry, and the
 * retried transaction reads the subnet again. Addresses taken by a transaction that then rolled
 * back, or freed by another server, are seen again when the entry is read anew: when the owner of
 * the transaction says it failed, when the subnet looks full (at most every {@link #FULL_RECHECK_NANOS}), and at
 * the latest after {@link #TTL_NANOS}.
 */
final class HeldAddresses {
    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How old an entry that finds its subnet full must be before the subnet is read again to make sure. */
    static final long FULL_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * IPv4 blocks up to a /8. The bits grow with the highest address held, not with the block (pools fill from
     * their start), so a /8 costs 2 MB only once millions of its addresses are held. Larger blocks are read
     * whole at each pick ({@link #addressesIn}).
     */
    static final int MAX_HOST_BITS = 24;
    /** IPv6 blocks up to a /64 (Neutron's usual prefix), whose addresses are 64-bit offsets from the block's first. */
    static final int MAX_IPV6_HOST_BITS = 64;
    private static final int MAX_SUBNETS = 1024;

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_SUBNETS;
        }
    };

    private HeldAddresses() {
    }

    /** Whether the subnet's addresses are kept here: IPv4 blocks up to a /8, IPv6 blocks up to a /64. */
    static boolean covers(SubnetEntity s) {
        IPAddress block = s.block();
        return block.isIPv4() ? 32 - Ip.prefixLength(block) <= MAX_HOST_BITS
                : 128 - Ip.prefixLength(block) <= MAX_IPV6_HOST_BITS;
    }

    /**
     * Neutron's choice among the free addresses, as {@code Ipam.Allocator} makes it: in the first
     * pool with a free address one at random among the first {@code window}, which is then held
     * here at once so that concurrent creates on this server pick others.
     *
     * @param mine addresses this transaction holds already (not flushed, so maybe not read back)
     * @return the address, or null when every pool is full (after reading the subnet again)
     */
    static String pick(EntityManager em, SubnetEntity s, int window, Collection<String> mine) {
        Entry known = current(s.id());
        String ip = (known == null ? load(em, s, true) : known).pick(s.pools(), window, mine);
        if (ip == null && (known == null || known.age() > FULL_RECHECK_NANOS)) {
            // a full subnet may only look full (picks of transactions that rolled back or may yet): read what is
            // committed before saying so, but not at every pick, or each port of a network whose first subnet is
            // full reads all of it
            ip = load(em, s, false).pick(s.pools(), window, mine);
        }
        return ip;
    }

    /** An address this server's transaction takes (explicitly requested); nothing unless the subnet is kept here. */
    static void hold(SubnetEntity s, String ip) {
        Entry e = current(s.id());
        if (e != null) {
            e.set(Ip.address(ip), true);
        }
    }

    /** An address released by this server's transaction; a rollback only costs a lost race and a retry. */
    static void release(String subnetId, String ip) {
        Entry e = current(subnetId);
        if (e != null) {
            e.set(Ip.address(ip), false);
        }
    }

    /** Forgets what is known of the subnets, so the next pick reads them from the database. */
    static void forget(Collection<String> subnetIds) {
        synchronized (ENTRIES) {
            ENTRIES.keySet().removeAll(subnetIds);
        }
    }

    /** Forgets what is known of the network's subnets. */
    static void forgetNetwork(String networkId) {
        synchronized (ENTRIES) {
            ENTRIES.values().removeIf(e -> e.networkId.equals(networkId));
        }
    }

    /**
     * Every address held in the subnet; with {@code uncommitted}, also those of transactions still
     * running. On Derby, which locks rows, a read of committed rows waits for the rows other
     * transactions have inserted: two bulk creates on one subnet, each reading the other's rows,
     * deadlocked every few seconds and lost a bulk of 1,000 each time. Reading uncommitted (Derby's
     * {@code WITH UR}) waits for nobody. An address whose transaction then rolls back looks held until
     * the subnet is read again, which costs nothing unless the subnet looks full: that is read again
     * committed before it is believed. The primary key still refuses a second holder. Other
     * databases read committed rows without waiting for writers.
     */
    @SuppressWarnings("unchecked")
    static List<String> addressesIn(EntityManager em, String subnetId, boolean uncommitted) {
        boolean ur = uncommitted && em.unwrap(Session.class).getPlatform().isDerby();
        return em.createNativeQuery("SELECT ip_address FROM ipallocations WHERE subnet_id = ?"
                + (ur ? " WITH UR" : "")).setParameter(1, subnetId).getResultList();
    }

    private static Entry current(String subnetId) {
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(subnetId);
            return e == null || e.expired() ? null : e;
        }
    }

    private static Entry load(EntityManager em, SubnetEntity s, boolean uncommitted) {
        List<String> held = addressesIn(em, s.id(), uncommitted);
        Entry e = s.block().isIPv4() ? new Ipv4Entry(s, held) : new Ipv6Entry(s, held);
        synchronized (ENTRIES) {
            ENTRIES.put(s.id(), e);
        }
        return e;
    }

    /** One subnet as this server last read it. */
    private abstract static class Entry {
        final String networkId;
        final long loadedAt = System.nanoTime();

        Entry(SubnetEntity s) {
            networkId = s.networkId();
        }

        long age() {
            return System.nanoTime() - loadedAt;
        }

        boolean expired() {
            return age() > TTL_NANOS;
        }

        abstract void set(IPAddress address, boolean held);

        /**
         * In the first pool with a free address, one at random among its first {@code window} free ones
         * (neither held nor in {@code mine}), which is then held here; null when every pool is full.
         */
        abstract String pick(List<IPAddressSeqRange> pools, int window, Collection<String> mine);
    }

    /** An IPv4 subnet: bit i is the block's i-th address. */
    private static final class Ipv4Entry extends Entry {
        final long base;
        final BitSet held;

        Ipv4Entry(SubnetEntity s, List<String> held) {
            super(s);
            base = s.block().getLower().toIPv4().longValue();
            this.held = new BitSet();
            held.forEach(ip -> this.held.set(index(Ip.address(ip).toIPv4().longValue())));
        }

        private int index(long address) {
            return (int) (address - base);
        }

        @Override
        synchronized void set(IPAddress address, boolean value) {
            held.set(index(address.toIPv4().longValue()), value);
        }

        /** Counts the free addresses among the first {@code window} of the pool, then takes a random one of them. */
        @Override
        synchronized String pick(List<IPAddressSeqRange> pools, int window, Collection<String> mine) {
            for (IPAddressSeqRange pool : pools) {
                int first = index(pool.getLower().toIPv4().longValue());
                int last = index(pool.getUpper().toIPv4().longValue());
                int free = countFree(first, last, window, mine);
                if (free > 0) {
                    int i = nthFree(first, ThreadLocalRandom.current().nextInt(free), mine);
                    held.set(i);
                    return Ip.ipv4Text(base + i);
                }
            }
            return null;
        }

        /** How many addresses of [first, last] are free and not held by this transaction, counted up to limit. */
        private int countFree(int first, int last, int limit, Collection<String> mine) {
            int seen = 0;
            for (int i = held.nextClearBit(first); i <= last && seen < limit; i = held.nextClearBit(i + 1)) {
                if (notMine(i, mine)) {
                    seen++;
                }
            }
            return seen;
        }

        /** The n-th (from 0) such address from first on; {@link #countFree} said there are more than n. */
        private int nthFree(int first, int n, Collection<String> mine) {
            int i = held.nextClearBit(first);
            for (int seen = notMine(i, mine) ? 0 : -1; seen < n; ) {
                i = held.nextClearBit(i + 1);
                if (notMine(i, mine)) {
                    seen++;
                }
            }
            return i;
        }

        private boolean notMine(int i, Collection<String> mine) {
            return mine.isEmpty() || !mine.contains(Ip.ipv4Text(base + i));
        }
    }

    /**
     * An IPv6 subnet of a /64 or longer: the held addresses as unsigned offsets from the block's first
     * address, in order, so that a pick steps over the held ones from the pool's start and formats only
     * the address it takes.
     */
    private static final class Ipv6Entry extends Entry {
        final BigInteger base;
        final NavigableSet<Long> held = new TreeSet<>(Long::compareUnsigned);

        Ipv6Entry(SubnetEntity s, List<String> held) {
            super(s);
            base = s.block().getLower().getValue();
            held.forEach(ip -> this.held.add(offset(Ip.address(ip))));
        }

        private long offset(IPAddress address) {
            return address.getValue().subtract(base).longValue();
        }

        @Override
        synchronized void set(IPAddress address, boolean value) {
            if (value) {
                held.add(offset(address));
            } else {
                held.remove(offset(address));
            }
        }

        @Override
        synchronized String pick(List<IPAddressSeqRange> pools, int window, Collection<String> mine) {
            Set<Long> taken = new HashSet<>();
            mine.forEach(ip -> taken.add(offset(Ip.address(ip))));
            for (IPAddressSeqRange pool : pools) {
                List<Long> free = free(offset(pool.getLower()), offset(pool.getUpper()), window, taken);
                if (!free.isEmpty()) {
                    long chosen = free.get(ThreadLocalRandom.current().nextInt(free.size()));
                    held.add(chosen);
                    return Ip.text(new IPv6Address(base.add(new BigInteger(Long.toUnsignedString(chosen)))));
                }
            }
            return null;
        }

        /** The first {@code limit} offsets of [first, last] (unsigned) that are neither held nor taken, in order. */
        private List<Long> free(long first, long last, int limit, Set<Long> taken) {
            List<Long> free = new ArrayList<>();
            Iterator<Long> heldFromFirst = held.tailSet(first, true).iterator();
            Long nextHeld = heldFromFirst.hasNext() ? heldFromFirst.next() : null;
            for (long o = first; free.size() < limit; o++) {
                if (nextHeld != null && nextHeld == o) {
                    nextHeld = heldFromFirst.hasNext() ? heldFromFirst.next() : null;
                } else if (!taken.contains(o)) {
                    free.add(o);
                }
                if (o == last) {
                    break;
                }
            }
            return free;
        }
    }
}
