package org.nucleon.ml2.type;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;

/** Reservations in {@link SegmentAllocation}, shared by the drivers of this bundle. */
final class Allocations {
    private static final Random RANDOM = new SecureRandom();
    /** Random ids tried one by one before reading all taken ones: enough while most are free. */
    private static final int PROBES = 3;
    private static final SortedSet<Long> NONE = Collections.emptySortedSet();

    private Allocations() {
    }

    /** Takes one specific segment; {@code inUse} when it is taken already. */
    static void reserve(EntityManager em, SegmentAllocation.Key key, Supplier<NeutronException> inUse) {
        if (taken(em, key)) {
            throw inUse.get();
        }
        insert(em, key);
    }

    /**
     * Takes a free id of the ranges on one physical network (null for none), uniformly at random
     * among the free ones; null when all are taken. A few random ids are tried one row each
     * (rejection sampling keeps the choice uniform) before every taken id is read.
     */
    static Long allocate(EntityManager em, String networkType, String physnet, List<IdRange> ranges) {
        if (ranges.isEmpty()) {
            return null;
        }
        String p = physnet == null ? SegmentAllocation.NO_PHYSNET : physnet;
        for (int i = 0; i < PROBES; i++) {
            SegmentAllocation.Key key = new SegmentAllocation.Key(networkType, p,
                    IdRange.pickFree(ranges, NONE, RANDOM));
            if (!taken(em, key)) {
                insert(em, key);
                return key.segmentationId;
            }
        }
        TreeSet<Long> taken = new TreeSet<>(em.createQuery("SELECT a.segmentationId FROM SegmentAllocation a"
                + " WHERE a.networkType = :t AND a.physicalNetwork = :p", Long.class)
                .setParameter("t", networkType).setParameter("p", p).getResultList());
        Long id = IdRange.pickFree(ranges, taken, RANDOM);
        if (id != null) {
            insert(em, new SegmentAllocation.Key(networkType, p, id));
        }
        return id;
    }

    /** A query, not em.find: it asks the database rather than any cache. */
    private static boolean taken(EntityManager em, SegmentAllocation.Key key) {
        return em.createQuery("SELECT COUNT(a) FROM SegmentAllocation a WHERE a.networkType = :t"
                + " AND a.physicalNetwork = :p AND a.segmentationId = :i", Long.class)
                .setParameter("t", key.networkType).setParameter("p", key.physicalNetwork)
                .setParameter("i", key.segmentationId).getSingleResult() > 0;
    }

    static void release(EntityManager em, SegmentAllocation.Key key) {
        SegmentAllocation a = em.find(SegmentAllocation.class, key);
        if (a != null) {
            em.remove(a);
        }
    }

    private static void insert(EntityManager em, SegmentAllocation.Key key) {
        em.persist(new SegmentAllocation(key));
        // Fails now on the primary key if a concurrent request took the same segment; the
        // network handler retries the whole request then.
        em.flush();
    }

    static NeutronException noNetworkAvailable() {
        return new NeutronException(503, "NoNetworkAvailable",
                "Unable to create the network. No tenant network is available for allocation.");
    }
}
