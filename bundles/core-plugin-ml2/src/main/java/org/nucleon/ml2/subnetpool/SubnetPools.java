package org.nucleon.ml2.subnetpool;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.ipam.Ip;
import org.nucleon.ml2.ipam.IpamErrors;

/** Prefix allocation from subnet pools (Neutron's ipam/subnet_alloc.py), for subnet create. */
public final class SubnetPools {
    private SubnetPools() {
    }

    /** The default pool of a version, or null. */
    public static String defaultPoolId(EntityManager em, int ipVersion) {
        return em.createQuery("SELECT p.id FROM SubnetPoolEntity p WHERE p.defaultForVersion = :v", String.class)
                .setParameter("v", ipVersion).getResultList().stream().findFirst().orElse(null);
    }

    /**
     * Takes a prefix from the pool for a new subnet: {@code cidr} itself when given (it must lie
     * in the pool's free space), else the lowest free block of {@code prefixlen} (the pool's
     * default when null). The pool row is locked, so concurrent creates never get overlapping
     * prefixes.
     *
     * @return the subnet's prefix block
     */
    public static IPAddress allocate(EntityManager em, String poolId, int ipVersion, IPAddress cidr,
            Integer prefixlen) {
        SubnetPoolEntity pool = em.find(SubnetPoolEntity.class, poolId, LockModeType.PESSIMISTIC_WRITE);
        if (pool == null) {
            throw NeutronException.notFound("SubnetPool", poolId);
        }
        if (pool.ipVersion != ipVersion) {
            throw IpamErrors.badRequest("subnets", "Cannot allocate IPv" + ipVersion + " subnet from IPv"
                    + pool.ipVersion + " subnet pool");
        }
        int length = cidr != null ? Ip.prefixLength(cidr) : prefixlen != null ? prefixlen : pool.defaultPrefixlen;
        if (length < pool.minPrefixlen) {
            throw new NeutronException(400, "MinPrefixSubnetAllocationError", "Unable to allocate subnet with "
                    + "prefix length " + length + ", minimum allowed prefix is " + pool.minPrefixlen + ".");
        }
        if (length > pool.maxPrefixlen) {
            throw new NeutronException(400, "MaxPrefixSubnetAllocationError", "Unable to allocate subnet with "
                    + "prefix length " + length + ", maximum allowed prefix is " + pool.maxPrefixlen + ".");
        }
        List<IPAddressSeqRange> free = freeSpace(em, pool);
        if (cidr != null) {
            if (free.stream().noneMatch(r -> r.contains(Ip.range(cidr)))) {
                throw allocationError("Cannot allocate requested subnet from the available set of prefixes");
            }
            return cidr;
        }
        for (IPAddressSeqRange r : free) {
            // the range's CIDRs in address order; the first big enough gives its first block
            for (IPAddress block : r.spanWithPrefixBlocks()) {
                if (Ip.prefixLength(block) <= length) {
                    return block.getLower().withoutPrefixLength().toPrefixBlock(length);
                }
            }
        }
        throw allocationError("Insufficient prefix space to allocate subnet size /" + length);
    }

    /**
     * Neutron answers 500 SubnetAllocationError; the client asked for space the pool lacks,
     * which is its error, so this says 400 with Neutron's type and message.
     */
    private static NeutronException allocationError(String reason) {
        return new NeutronException(400, "SubnetAllocationError", "Failed to allocate subnet: " + reason + ".");
    }

    /** The pool's prefixes without the subnets allocated from it. */
    static List<IPAddressSeqRange> freeSpace(EntityManager em, SubnetPoolEntity pool) {
        List<IPAddressSeqRange> whole = new ArrayList<>();
        pool.prefixBlocks().forEach(b -> whole.add(Ip.range(b)));
        List<IPAddressSeqRange> used = new ArrayList<>();
        allocatedCidrs(em, pool.id).forEach(c -> used.add(Ip.range(Ip.network(c))));
        return Ip.subtract(whole, used);
    }

    static List<String> allocatedCidrs(EntityManager em, String poolId) {
        return em.createQuery("SELECT s.cidr FROM SubnetEntity s WHERE s.subnetpoolId = :p", String.class)
                .setParameter("p", poolId).getResultList();
    }

    /** cidr_merge: the fewest prefix blocks covering the given ones, in address order. */
    static List<String> merge(List<IPAddress> blocks) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        IPAddress[] merged = blocks.get(0).mergeToPrefixBlocks(blocks.toArray(IPAddress[]::new));
        List<String> out = new ArrayList<>();
        for (IPAddress b : merged) {
            out.add(Ip.cidrText(b));
        }
        out.sort((a, b) -> Ip.network(a).getValue().compareTo(Ip.network(b).getValue()));
        return out;
    }
}
