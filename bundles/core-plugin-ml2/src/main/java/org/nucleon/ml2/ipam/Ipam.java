package org.nucleon.ml2.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.MACAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.InLists;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.persistence.StandardAttributes;
import org.nucleon.ml2.subnet.SubnetEntity;

/**
 * IP address management for ports, run inside the caller's transaction (every method takes its
 * {@link EntityManager}). Fixed IPs are {@code {"subnet_id", "ip_address"}} maps as in the API.
 *
 * <p>Concurrency: addresses are chosen from what the transaction sees, then inserted into
 * {@code ipallocations}, whose primary key (subnet_id, ip_address) refuses a second holder. A
 * concurrent transaction that picked the same address fails in {@link #allocate}/{@link #update}
 * (they flush) with a {@link javax.persistence.PersistenceException}; when
 * {@code Transactions.isConflict} says so, roll back and run the whole transaction again
 * ({@code Transactions.retrying} does).
 */
public final class Ipam {
    /** neutron_lib constants.ROUTER_INTERFACE_OWNERS. */
    public static final Set<String> ROUTER_INTERFACE_OWNERS = Set.of("network:router_interface",
            "network:ha_router_replicated_interface", "network:router_interface_distributed");
    /** ROUTER_INTERFACE_OWNERS_SNAT: router ports, which get no implicit SLAAC addresses. */
    public static final Set<String> ROUTER_INTERFACE_OWNERS_SNAT = union(ROUTER_INTERFACE_OWNERS,
            "network:router_centralized_snat");
    /** ROUTER_PORT_OWNERS: may hold an IPv6 subnet's first address. */
    public static final Set<String> ROUTER_PORT_OWNERS = union(ROUTER_INTERFACE_OWNERS_SNAT, "network:router_gateway");
    /** Ports Neutron deletes itself with their network or subnet (AUTO_DELETE_PORT_OWNERS). */
    public static final Set<String> AUTO_DELETE_PORT_OWNERS = Set.of("network:dhcp", "network:distributed",
            "network:floatingip_agent_gateway");
    /** Owners that get the lowest free address (PreferNextAddressRequest). */
    static final Set<String> PREFER_NEXT_OWNERS = Set.of("network:dhcp", "network:distributed");
    static final String DHCP_OWNER = "network:dhcp";
    /** Neutron's AnyAddressRequest picks at random among this many free addresses (MAX_WIN). */
    static final int MAX_WINDOW = 1000;
    /** cfg max_fixed_ips_per_port. */
    static final int MAX_FIXED_IPS_PER_PORT = 5;
    static final String SUBNET_ID = "subnet_id";
    static final String IP_ADDRESS = "ip_address";

    private Ipam() {
    }

    private static Set<String> union(Set<String> base, String more) {
        Set<String> s = new HashSet<>(base);
        s.add(more);
        return Set.copyOf(s);
    }

    /**
     * Allocates a new port's addresses.
     *
     * @param requested null for automatic (one IPv4 address from the first IPv4 subnet with room,
     *                  one from the first DHCPv6-stateful one, and an EUI-64 address on every
     *                  SLAAC/stateless subnet), else the port's {@code fixed_ips} (each with
     *                  {@code subnet_id} and/or {@code ip_address}), plus the implicit EUI-64 ones
     * @return the allocated fixed IPs, in the port's order
     * @throws NeutronException Neutron's errors (InvalidIpForSubnet, InvalidIpForNetwork,
     *                          IpAddressAlreadyAllocated, IpAddressGenerationFailure, SubnetNotFound...)
     */
    public static List<Map<String, Object>> allocate(EntityManager em, String networkId, String portId,
            List<Map<String, Object>> requested, String macAddress, String deviceOwner) {
        String owner = deviceOwner == null ? "" : deviceOwner;
        List<SubnetEntity> subnets = subnetsOfNetwork(em, networkId);
        List<Request> plan = requested == null ? automatic(subnets, networkId, owner)
                : explicit(em, subnets, networkId, requested, owner);
        if (!ROUTER_INTERFACE_OWNERS_SNAT.contains(owner)) {
            // SLAAC and DHCPv6-stateless subnets always give the port their EUI-64 address
            for (SubnetEntity s : requested == null ? eligible(subnets, owner) : subnets) {
                if (s.ipVersion() == 6 && s.autoAddress()) {
                    plan.add(new Request(List.of(s), eui64(s, macAddress)));
                }
            }
        }
        return execute(em, plan, new Allocator(em, networkId, portId, owner), 0);
    }

    /** Releases every address of the port. */
    public static void release(EntityManager em, String portId) {
        allocationsOfPort(em, portId).forEach(a -> remove(em, a));
    }

    /**
     * Forgets what this server knows of the addresses of the network's subnets: for a request that
     * failed after taking some, so they are read from the database again.
     */
    public static void forgetNetwork(String networkId) {
        HeldAddresses.forgetNetwork(networkId);
    }

    private static void remove(EntityManager em, IpAllocationEntity a) {
        em.remove(a);
        HeldAddresses.release(a.subnetId, a.ipAddress);
    }

    /** The fixed IPs of each port (ports without any are absent), in each port's order. */
    public static Map<String, List<Map<String, Object>>> fixedIpsOf(EntityManager em, PageKeys ports) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        ports.query(em, "SELECT a.portId, a.subnetId, a.ipAddress FROM IpAllocationEntity a WHERE %s "
                + "ORDER BY a.portId, a.position", "a.portId", Object[].class, row -> (String) row[0])
                .forEach(row -> out.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                        .add(fixedIp((String) row[1], (String) row[2])));
        return out;
    }

    /**
     * Changes a port's fixed IPs as Neutron's update_port does: requested addresses the port holds
     * are kept, a {@code subnet_id}-only entry keeps the port's address on that subnet, new
     * entries are allocated (and checked like on create), and addresses no longer listed are
     * released, except the EUI-64 ones of SLAAC/stateless subnets on non-router ports.
     *
     * @return the port's fixed IPs after the change
     */
    public static List<Map<String, Object>> update(EntityManager em, String portId, String networkId,
            List<Map<String, Object>> newFixedIps, String macAddress, String deviceOwner) {
        String owner = deviceOwner == null ? "" : deviceOwner;
        Map<String, IpAllocationEntity> byIp = new LinkedHashMap<>();
        allocationsOfPort(em, portId).forEach(a -> byIp.put(a.subnetId + " " + a.ipAddress, a));
        List<IpAllocationEntity> kept = new ArrayList<>();
        List<Map<String, Object>> added = new ArrayList<>();
        for (Map<String, Object> f : newFixedIps) {
            if (f.get(IP_ADDRESS) != null) {
                IpAllocationEntity held = heldAddress(byIp, f);
                if (held != null) {
                    kept.add(held);
                } else {
                    added.add(f);
                }
            }
        }
        for (Map<String, Object> f : newFixedIps) {
            if (f.get(IP_ADDRESS) == null) {
                IpAllocationEntity held = byIp.values().stream().filter(a -> a.subnetId.equals(f.get(SUBNET_ID)))
                        .reduce((first, last) -> last).orElse(null);
                if (held != null) {
                    byIp.values().remove(held);
                    kept.add(held);
                } else {
                    added.add(f);
                }
            }
        }
        for (IpAllocationEntity unclaimed : byIp.values()) {
            SubnetEntity s = em.find(SubnetEntity.class, unclaimed.subnetId);
            if (s != null && s.autoAddress() && !ROUTER_INTERFACE_OWNERS_SNAT.contains(owner)) {
                kept.add(unclaimed);
            } else {
                remove(em, unclaimed);
            }
        }
        if (kept.size() + added.size() > MAX_FIXED_IPS_PER_PORT) {
            throw NeutronException.invalidInput("Exceeded maximum amount of fixed ips per port");
        }
        // the released rows must be gone before an address is taken again in this transaction
        em.flush();
        for (int i = 0; i < kept.size(); i++) {
            kept.get(i).position = i;
            kept.get(i).deviceOwner = owner;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        kept.forEach(a -> out.add(fixedIp(a)));
        List<Request> plan = added.isEmpty() ? new ArrayList<>()
                : explicit(em, subnetsOfNetwork(em, networkId), networkId, added, owner);
        out.addAll(execute(em, plan, new Allocator(em, networkId, portId, owner), kept.size()));
        return out;
    }

    private static IpAllocationEntity heldAddress(Map<String, IpAllocationEntity> byIp, Map<String, Object> f) {
        String ip = Ip.text(Ip.address((String) f.get(IP_ADDRESS)));
        for (Iterator<IpAllocationEntity> it = byIp.values().iterator(); it.hasNext();) {
            IpAllocationEntity a = it.next();
            if (a.ipAddress.equals(ip) && (f.get(SUBNET_ID) == null || a.subnetId.equals(f.get(SUBNET_ID)))) {
                it.remove();
                return a;
            }
        }
        return null;
    }

    /** A network's subnet as the network's view needs it: its id, and the version and pool of its address scope. */
    public record NetworkSubnet(String id, int ipVersion, String subnetpoolId) {
    }

    /**
     * Each network's subnets, oldest first (the network's {@code subnets}). Sorted here rather than by
     * the database: Derby sorts even the two rows of one network with a merge sort whose bookkeeping
     * formats localized messages, a good part of a network show's time.
     */
    public static Map<String, List<NetworkSubnet>> subnetsOf(EntityManager em, Collection<String> networkIds) {
        Map<String, List<Object[]>> rows = new HashMap<>();
        for (List<String> batch : InLists.batches(networkIds)) {
            em.createQuery("SELECT s.networkId, s.id, s.createdAt, s.ipVersion, s.subnetpoolId FROM SubnetEntity s "
                    + "WHERE s.networkId IN :nets", Object[].class).setParameter("nets", batch).getResultList()
                    .forEach(r -> rows.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(r));
        }
        Comparator<Object[]> oldestFirst = Comparator.comparing((Object[] r) -> (LocalDateTime) r[2],
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(r -> (String) r[1]);
        Map<String, List<NetworkSubnet>> out = new HashMap<>();
        rows.forEach((network, subnets) -> out.put(network, subnets.stream().sorted(oldestFirst)
                .map(r -> new NetworkSubnet((String) r[1], ((Number) r[3]).intValue(), (String) r[4])).toList()));
        return out;
    }

    /** The ids of each network's subnets, oldest first. */
    public static Map<String, List<String>> subnetIdsOf(EntityManager em, Collection<String> networkIds) {
        Map<String, List<String>> out = new HashMap<>();
        subnetsOf(em, networkIds).forEach((network, subnets) -> out.put(network,
                subnets.stream().map(NetworkSubnet::id).toList()));
        return out;
    }

    /**
     * For subnet delete: releases the addresses Neutron drops with the subnet (those of
     * auto-deleted ports, and EUI-64 ones of non-router ports on SLAAC/stateless subnets);
     * 409 SubnetInUse while other ports hold addresses on it. The ports that lose an address move
     * on a revision, as Neutron's revision plugin moves an address's port.
     */
    public static void releaseSubnet(EntityManager em, SubnetEntity subnet) {
        List<IpAllocationEntity> all = em.createQuery("SELECT a FROM IpAllocationEntity a WHERE a.subnetId = :s",
                IpAllocationEntity.class).setParameter("s", subnet.id()).getResultList();
        for (IpAllocationEntity a : all) {
            String owner = a.deviceOwner == null ? "" : a.deviceOwner;
            boolean dropped = AUTO_DELETE_PORT_OWNERS.contains(owner)
                    || subnet.autoAddress() && !ROUTER_INTERFACE_OWNERS_SNAT.contains(owner);
            if (!dropped) {
                throw IpamErrors.subnetInUse(subnet.id());
            }
        }
        all.forEach(em::remove);
        HeldAddresses.forget(List.of(subnet.id()));
        // by entity name: the port package builds on this one
        for (List<String> ports : InLists.batches(all.stream().map(a -> a.portId).toList())) {
            em.createQuery("SELECT p FROM PortEntity p WHERE p.id IN :ids", StandardAttributes.class)
                    .setParameter("ids", ports).getResultList().forEach(StandardAttributes::touch);
        }
    }

    /** Addresses in use per subnet, for network-ip-availability. */
    public static Map<String, Long> usedCounts(EntityManager em, Collection<String> subnetIds) {
        Map<String, Long> out = new HashMap<>();
        if (!subnetIds.isEmpty()) {
            em.createQuery("SELECT a.subnetId, COUNT(a) FROM IpAllocationEntity a WHERE a.subnetId IN :s "
                    + "GROUP BY a.subnetId", Object[].class).setParameter("s", List.copyOf(subnetIds))
                    .getResultList().forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
        }
        return out;
    }

    // ---- planning ----

    /** One address to allocate: a specific one, or any from the first candidate subnet with room. */
    private record Request(List<SubnetEntity> candidates, String address) {
    }

    private static List<SubnetEntity> subnetsOfNetwork(EntityManager em, String networkId) {
        return em.createQuery("SELECT s FROM SubnetEntity s WHERE s.networkId = :net ORDER BY s.createdAt, s.id",
                SubnetEntity.class).setParameter("net", networkId).getResultList();
    }

    /**
     * Subnets a port of this owner may get automatic addresses from: those without service
     * types, those listing the owner, and DHCP-enabled ones for DHCP ports.
     */
    private static List<SubnetEntity> eligible(List<SubnetEntity> subnets, String owner) {
        return subnets.stream().filter(s -> s.serviceTypes().isEmpty() || s.serviceTypes().contains(owner)
                || DHCP_OWNER.equals(owner) && s.enableDhcp()).toList();
    }

    private static List<Request> automatic(List<SubnetEntity> subnets, String networkId, String owner) {
        List<SubnetEntity> usable = eligible(subnets, owner);
        if (usable.isEmpty() && !subnets.isEmpty()) {
            throw IpamErrors.noMatchingServiceSubnet(networkId, owner);
        }
        List<Request> plan = new ArrayList<>();
        List<SubnetEntity> v4 = usable.stream().filter(s -> s.ipVersion() == 4).toList();
        List<SubnetEntity> v6Stateful = usable.stream().filter(s -> s.ipVersion() == 6 && !s.autoAddress()).toList();
        for (List<SubnetEntity> group : List.of(v4, v6Stateful)) {
            if (!group.isEmpty()) {
                plan.add(new Request(group, null));
            }
        }
        return plan;
    }

    /** Neutron's _test_fixed_ips_for_port: checks each requested fixed IP against the network. */
    private static List<Request> explicit(EntityManager em, List<SubnetEntity> subnets, String networkId,
            List<Map<String, Object>> requested, String owner) {
        List<Request> plan = new ArrayList<>();
        for (Map<String, Object> f : requested) {
            SubnetEntity s = subnetFor(em, subnets, networkId, f, owner);
            String ip = (String) f.get(IP_ADDRESS);
            if (ip != null) {
                if (s.autoAddress() && !ROUTER_INTERFACE_OWNERS.contains(owner)) {
                    throw IpamErrors.allocationOnAutoAddressSubnet(ip, s.id());
                }
                plan.add(new Request(List.of(s), Ip.text(Ip.address(ip))));
            } else if (ROUTER_INTERFACE_OWNERS_SNAT.contains(owner) || !s.autoAddress()) {
                plan.add(new Request(List.of(s), null));
            }
        }
        if (plan.size() > MAX_FIXED_IPS_PER_PORT) {
            throw NeutronException.invalidInput("Exceeded maximum amount of fixed ips per port");
        }
        return plan;
    }

    private static SubnetEntity subnetFor(EntityManager em, List<SubnetEntity> subnets, String networkId,
            Map<String, Object> fixed, String owner) {
        if (subnets.isEmpty()) {
            throw NeutronException.invalidInput("IP allocation requires subnets for network");
        }
        String subnetId = (String) fixed.get(SUBNET_ID);
        String ip = (String) fixed.get(IP_ADDRESS);
        if (subnetId != null) {
            SubnetEntity s = subnets.stream().filter(x -> x.id().equals(subnetId)).findFirst().orElse(null);
            if (s == null) {
                if (em.find(SubnetEntity.class, subnetId) == null) {
                    throw NeutronException.notFound("Subnet", subnetId);
                }
                throw NeutronException.invalidInput("Failed to create port on network " + networkId
                        + ", because fixed_ips included invalid subnet " + subnetId);
            }
            if (ip != null && !validForPort(s, Ip.address(ip), owner)) {
                throw IpamErrors.invalidIpForSubnet(ip);
            }
            return s;
        }
        if (ip == null) {
            throw NeutronException.invalidInput("IP allocation requires subnet_id or ip_address");
        }
        IPAddress address = Ip.address(ip);
        return subnets.stream().filter(s -> validForPort(s, address, owner)).findFirst()
                .orElseThrow(() -> IpamErrors.invalidIpForNetwork(ip));
    }

    /**
     * ipam/utils.py check_subnet_ip: inside the CIDR; IPv4 not the network address nor (below /31)
     * the broadcast; IPv6 not the subnet-router anycast address unless a router port holds it.
     */
    static boolean validForPort(SubnetEntity s, IPAddress ip, String owner) {
        IPAddress block = s.block();
        if (!block.contains(ip)) {
            return false;
        }
        IPAddress first = block.getLower().withoutPrefixLength();
        if (block.isIPv6()) {
            return owner.isEmpty() || ROUTER_PORT_OWNERS.contains(owner) || !ip.equals(first);
        }
        return !ip.equals(first) && (Ip.prefixLength(block) >= 31 || !ip.equals(block.getUpper().withoutPrefixLength()));
    }

    /** The port's EUI-64 address on a SLAAC/stateless subnet (modified EUI-64 of the MAC). */
    static String eui64(SubnetEntity s, String mac) {
        if (mac == null) {
            throw new IllegalArgumentException("a MAC address is needed for the EUI-64 address on " + s.id());
        }
        IPv6Address prefix = s.block().getLower().withoutPrefixLength().toIPv6();
        return Ip.text(new IPv6Address(prefix, new MACAddressString(mac).getAddress()));
    }

    // ---- execution ----

    private static List<Map<String, Object>> execute(EntityManager em, List<Request> plan, Allocator allocator,
            int firstPosition) {
        List<Map<String, Object>> out = new ArrayList<>();
        int position = firstPosition;
        for (Request r : plan) {
            IpAllocationEntity a = allocator.allocate(r, position++);
            em.persist(a);
            out.add(fixedIp(a));
        }
        // surface a lost race here, where the caller's retry can tell it apart
        try {
            em.flush();
        } catch (RuntimeException e) {
            allocator.forget();
            throw e;
        }
        return out;
    }

    /** Picks addresses for one port, remembering what this transaction has taken already. */
    private static final class Allocator {
        private final EntityManager em;
        private final String networkId;
        private final String portId;
        private final String owner;
        /** Addresses handed out by this allocator, per subnet. */
        private final Map<String, Set<String>> mine = new HashMap<>();

        Allocator(EntityManager em, String networkId, String portId, String owner) {
            this.em = em;
            this.networkId = networkId;
            this.portId = portId;
            this.owner = owner;
        }

        IpAllocationEntity allocate(Request r, int position) {
            if (r.address() != null) {
                SubnetEntity s = r.candidates().get(0);
                if (!mine(s).add(r.address()) || held(s, r.address())) {
                    throw IpamErrors.ipAlreadyAllocated(r.address(), s.id());
                }
                HeldAddresses.hold(s, r.address());
                return new IpAllocationEntity(s.id(), r.address(), portId, networkId, owner, position);
            }
            int window = PREFER_NEXT_OWNERS.contains(owner) ? 1 : MAX_WINDOW;
            for (SubnetEntity s : r.candidates()) {
                String ip = HeldAddresses.covers(s) ? HeldAddresses.pick(em, s, window, mine(s)) : pick(s, window);
                if (ip != null) {
                    mine(s).add(ip);
                    return new IpAllocationEntity(s.id(), ip, portId, networkId, owner, position);
                }
            }
            throw IpamErrors.generationFailure(networkId);
        }

        /** After a failed flush: what this server knows of the subnets may be why. */
        void forget() {
            HeldAddresses.forget(mine.keySet());
        }

        private Set<String> mine(SubnetEntity s) {
            return mine.computeIfAbsent(s.id(), id -> new HashSet<>());
        }

        /** Whether a port holds the address: one row by the primary key, not the subnet's allocations. */
        private boolean held(SubnetEntity s, String ip) {
            return em.createQuery("SELECT COUNT(a) FROM IpAllocationEntity a WHERE a.subnetId = :s "
                    + "AND a.ipAddress = :ip", Long.class).setParameter("s", s.id()).setParameter("ip", ip)
                    .getSingleResult() > 0;
        }

        /**
         * Neutron's _generate_ips: in the first pool with a free address, the lowest one for
         * DHCP/distributed ports, else one at random among the first MAX_WINDOW free ones. For
         * the subnets {@link HeldAddresses} does not keep: reads all their allocations, the
         * uncommitted too, and when that leaves none free, the committed ones alone.
         */
        private String pick(SubnetEntity s, int window) {
            String ip = pick(s, window, HeldAddresses.addressesIn(em, s.id(), true));
            return ip != null ? ip : pick(s, window, HeldAddresses.addressesIn(em, s.id(), false));
        }

        private String pick(SubnetEntity s, int window, List<String> held) {
            Set<String> used = new HashSet<>(held);
            used.addAll(mine(s));
            for (IPAddressSeqRange pool : s.pools()) {
                List<String> free = pool.getLower().isIPv4() ? freeIpv4(pool, used, window) : free(pool, used, window);
                if (!free.isEmpty()) {
                    return free.get(ThreadLocalRandom.current().nextInt(free.size()));
                }
            }
            return null;
        }

        /** The first {@code window} addresses of the pool that are not used, in address order. */
        private static List<String> free(IPAddressSeqRange pool, Set<String> used, int window) {
            List<String> free = new ArrayList<>();
            for (Iterator<? extends IPAddress> it = pool.iterator(); it.hasNext() && free.size() < window;) {
                String ip = Ip.text(it.next());
                if (!used.contains(ip)) {
                    free.add(ip);
                }
            }
            return free;
        }

        /**
         * The same for an IPv4 pool, counted as numbers: the walk passes every address taken before
         * them, and the library's text form of each was a third of a port create's CPU (JFR).
         */
        private static List<String> freeIpv4(IPAddressSeqRange pool, Set<String> used, int window) {
            List<String> free = new ArrayList<>();
            long last = pool.getUpper().toIPv4().longValue();
            for (long a = pool.getLower().toIPv4().longValue(); a <= last && free.size() < window; a++) {
                String ip = Ip.ipv4Text(a);
                if (!used.contains(ip)) {
                    free.add(ip);
                }
            }
            return free;
        }
    }

    private static List<IpAllocationEntity> allocationsOfPort(EntityManager em, String portId) {
        return em.createQuery("SELECT a FROM IpAllocationEntity a WHERE a.portId = :p ORDER BY a.position",
                IpAllocationEntity.class).setParameter("p", portId).getResultList();
    }

    private static Map<String, Object> fixedIp(IpAllocationEntity a) {
        return fixedIp(a.subnetId, a.ipAddress);
    }

    private static Map<String, Object> fixedIp(String subnetId, String ipAddress) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SUBNET_ID, subnetId);
        m.put(IP_ADDRESS, ipAddress);
        return m;
    }
}
