package org.nucleon.ml2.subnet;

import static org.nucleon.ml2.subnet.SubnetRules.ALLOCATION_POOLS;
import static org.nucleon.ml2.subnet.SubnetRules.DNS_NAMESERVERS;
import static org.nucleon.ml2.subnet.SubnetRules.ENABLE_DHCP;
import static org.nucleon.ml2.subnet.SubnetRules.GATEWAY_IP;
import static org.nucleon.ml2.subnet.SubnetRules.HOST_ROUTES;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.ml2.ipam.Ip;
import org.nucleon.ml2.ipam.Ipam;
import org.nucleon.ml2.ipam.IpamErrors;
import org.nucleon.ml2.network.NetworkEntity;
import org.nucleon.ml2.network.NetworkHandler;
import org.nucleon.ml2.subnetpool.SubnetPools;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Subnets of the ML2 plugin: CIDR (explicit or from a pool), gateway, pools, DHCP options. */
@Component(service = {ResourceHandler.class, SubnetHandler.class}, property = ResourceHandler.COLLECTION + "=subnets")
public class SubnetHandler extends JpaResourceHandler<SubnetEntity> {
    private static final String SUBNETS = "subnets";

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    RbacPolicies rbac;

    /** The RBAC object type of networks. */
    private static final String NETWORK = "network";

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return "subnet";
    }

    public SubnetHandler() {
        super(SubnetEntity.class, "Subnet", Map.ofEntries(Map.entry("id", "id"), Map.entry("name", "name"),
                Map.entry("tenant_id", "projectId"), Map.entry("project_id", "projectId"),
                Map.entry("network_id", "networkId"), Map.entry("ip_version", "ipVersion"),
                Map.entry("cidr", "cidr"), Map.entry("gateway_ip", "gatewayIp"),
                Map.entry("enable_dhcp", "enableDhcp"), Map.entry("ipv6_ra_mode", "ipv6RaMode"),
                Map.entry("ipv6_address_mode", "ipv6AddressMode"), Map.entry("subnetpool_id", "subnetpoolId"),
                Map.entry("description", "description")));
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    /**
     * Besides its own, a project sees the subnets of the networks shared with it or with everyone
     * (Neutron's subnets inherit their network's access_as_shared policies, not access_as_external).
     */
    @Override
    protected Predicate sharedWith(RequestContext context, Root<SubnetEntity> root, CriteriaBuilder cb) {
        Set<String> networks = rbac.sharedWith(context, NETWORK, null);
        return networks.isEmpty() ? cb.disjunction() : root.get("networkId").in(networks);
    }

    @Override
    protected SubnetEntity newEntity(RequestContext context, Map<String, Object> subnet) {
        SubnetEntity e = new SubnetEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) subnet.get("tenant_id");
        e.networkId = (String) subnet.get("network_id");
        e.ipVersion = (Integer) subnet.get("ip_version");
        e.ipv6RaMode = (String) subnet.get(SubnetRules.RA_MODE);
        e.ipv6AddressMode = (String) subnet.get(SubnetRules.ADDRESS_MODE);
        return e;
    }

    /** Only on a network the caller may use: its own, or one shared with it (RBAC). */
    @Override
    protected SubnetEntity insert(EntityManager em, RequestContext context, Map<String, Object> subnet) {
        NetworkHandler.usable(em, rbac, context, (String) subnet.get("network_id"));
        return super.insert(em, context, subnet);
    }

    @Override
    protected void check(EntityManager em, SubnetEntity e, Map<String, Object> body, boolean create) {
        if (create) {
            checkCreate(em, e, body);
        } else {
            checkUpdate(e, body);
            reviseNetwork(em, e);
        }
    }

    /**
     * As in Neutron (a subnet revises its network's standard attributes on change), creating,
     * updating or deleting a subnet moves its network's revision_number and updated_at.
     */
    private static void reviseNetwork(EntityManager em, SubnetEntity e) {
        NetworkEntity network = em.find(NetworkEntity.class, e.networkId);
        if (network != null) {
            network.touch();
        }
    }

    /** Neutron's create_subnet and _create_subnet_precommit, in their order. */
    private static void checkCreate(EntityManager em, SubnetEntity e, Map<String, Object> s) {
        String cidr = (String) s.get("cidr");
        Number requested = (Number) s.get("prefixlen");
        Integer prefixlen = requested == null ? null : requested.intValue() == requested.longValue()
                ? requested.intValue() : Integer.MAX_VALUE;
        if (cidr != null && prefixlen != null) {
            throw IpamErrors.badRequest(SUBNETS, "cidr and prefixlen must not be supplied together");
        }
        String poolId = subnetpoolId(em, s, cidr);
        if (poolId == null && cidr == null) {
            throw IpamErrors.badRequest(SUBNETS, "a subnetpool must be specified in the absence of a cidr");
        }
        if (poolId != null && cidr == null && !SubnetRules.list(s.get(ALLOCATION_POOLS)).isEmpty()) {
            throw IpamErrors.badRequest(SUBNETS, "allocation_pools allowed only for specific subnet requests.");
        }
        if (poolId == null) {
            SubnetRules.validate(e.ipVersion, cidr, s, null);
        }
        // the network row's lock serializes subnet creation per network (overlap and affinity checks)
        NetworkEntity network = em.find(NetworkEntity.class, e.networkId, LockModeType.PESSIMISTIC_WRITE);
        if (network == null) {
            throw NeutronException.notFound("Network", e.networkId);
        }
        network.touch();
        IPAddress block;
        if (poolId != null) {
            block = SubnetPools.allocate(em, poolId, e.ipVersion, cidr == null ? null : Ip.network(cidr), prefixlen);
            SubnetRules.validate(e.ipVersion, Ip.cidrText(block), s, null);
        } else {
            block = Ip.network(cidr);
        }
        e.subnetpoolId = poolId;
        e.cidr = Ip.cidrText(block);
        List<SubnetEntity> siblings = em.createQuery("SELECT s FROM SubnetEntity s WHERE s.networkId = :n",
                SubnetEntity.class).setParameter("n", e.networkId).getResultList();
        for (SubnetEntity other : siblings) {
            if (other.ipVersion == e.ipVersion && !Objects.equals(other.subnetpoolId, poolId)) {
                throw new NeutronException(400, "NetworkSubnetPoolAffinityError",
                        "Subnets hosted on the same network must be allocated from the same subnet pool.");
            }
        }
        for (SubnetEntity other : siblings) {
            if (other.block().overlaps(block)) {
                throw NeutronException.invalidInput("Requested subnet with cidr: " + e.cidr + " for network: "
                        + e.networkId + " overlaps with another subnet");
            }
        }
        setGatewayAndPools(e, block, s, poolId != null);
    }

    /** _get_subnetpool_id: an explicit pool, the default pool of the version, or none. */
    private static String subnetpoolId(EntityManager em, Map<String, Object> s, String cidr) {
        String poolId = (String) s.get("subnetpool_id");
        boolean useDefault = Boolean.TRUE.equals(s.get("use_default_subnetpool"));
        if (useDefault && poolId != null) {
            throw IpamErrors.badRequest(SUBNETS, "subnetpool_id and use_default_subnetpool cannot both be specified");
        }
        if (poolId != null || !useDefault) {
            return poolId;
        }
        int version = cidr != null ? Ip.version(Ip.network(cidr)) : (Integer) s.get("ip_version");
        String dflt = SubnetPools.defaultPoolId(em, version);
        if (dflt == null) {
            throw IpamErrors.badRequest(SUBNETS, "No default subnetpool found for IPv" + version);
        }
        return dflt;
    }

    /**
     * The gateway (given, null for none, else the first host address; an IPv6 CIDR given by the
     * client defaults to its subnet-router anycast address) and the pools (given and checked, or
     * Neutron's defaults around the gateway).
     */
    private static void setGatewayAndPools(SubnetEntity e, IPAddress block, Map<String, Object> s, boolean fromPool) {
        IPAddress gateway;
        if (s.containsKey(GATEWAY_IP)) {
            gateway = s.get(GATEWAY_IP) == null ? null : Ip.address((String) s.get(GATEWAY_IP));
        } else {
            IPAddress first = block.getLower().withoutPrefixLength();
            gateway = block.isIPv6() && !fromPool ? first : first.increment(1);
            if (SubnetRules.gatewayInvalid(block, gateway)) {
                throw NeutronException.conflict("IpamValueInvalid", "Gateway IP " + Ip.text(gateway)
                        + " cannot be allocated in CIDR " + e.cidr);
            }
        }
        e.gatewayIp = gateway == null ? null : Ip.text(gateway);
        List<?> requested = SubnetRules.list(s.get(ALLOCATION_POOLS));
        List<IPAddressSeqRange> pools;
        if (requested.isEmpty()) {
            pools = Ip.defaultPools(block, gateway);
        } else {
            pools = SubnetRules.pools(block, e.cidr, requested);
            if (e.gatewayIp != null) {
                SubnetRules.gatewayOutsidePools(e.gatewayIp, pools);
            }
        }
        setPools(e, pools);
    }

    private static void setPools(SubnetEntity e, List<IPAddressSeqRange> pools) {
        e.allocationPools = new ArrayList<>();
        pools.forEach(p -> e.allocationPools.add(new AllocationPool(p)));
    }

    /** _update_subnet_precommit: pools and gateway are checked against each other. */
    private static void checkUpdate(SubnetEntity e, Map<String, Object> s) {
        SubnetRules.validate(e.ipVersion, e.cidr, s, e);
        List<IPAddressSeqRange> pools = e.pools();
        boolean poolsGiven = s.get(ALLOCATION_POOLS) != null;
        if (poolsGiven) {
            pools = SubnetRules.pools(e.block(), e.cidr, (List<?>) s.get(ALLOCATION_POOLS));
        }
        String gateway = s.containsKey(GATEWAY_IP) ? (String) s.get(GATEWAY_IP) : e.gatewayIp;
        boolean gatewayChanged = !Objects.equals(gateway, e.gatewayIp);
        if ((gatewayChanged || poolsGiven) && gateway != null) {
            SubnetRules.gatewayOutsidePools(gateway, pools);
        }
        if (poolsGiven) {
            setPools(e, pools);
        }
        e.gatewayIp = gateway == null ? null : Ip.text(Ip.address(gateway));
    }

    @Override
    protected void apply(SubnetEntity e, Map<String, Object> s) {
        if (s.containsKey("name")) {
            e.name = (String) s.get("name");
        }
        if (s.containsKey(ENABLE_DHCP)) {
            e.enableDhcp = (Boolean) s.get(ENABLE_DHCP);
        }
        if (s.containsKey(DNS_NAMESERVERS)) {
            e.dnsNameservers = new ArrayList<>();
            SubnetRules.list(s.get(DNS_NAMESERVERS)).forEach(d -> e.dnsNameservers.add((String) d));
        }
        if (s.containsKey(HOST_ROUTES)) {
            e.hostRoutes = new ArrayList<>();
            for (Object r : SubnetRules.list(s.get(HOST_ROUTES))) {
                Map<?, ?> route = (Map<?, ?>) r;
                e.hostRoutes.add(new HostRoute((String) route.get("destination"), (String) route.get("nexthop")));
            }
        }
        if (s.containsKey("service_types")) {
            e.serviceTypes = new ArrayList<>();
            SubnetRules.list(s.get("service_types")).forEach(t -> e.serviceTypes.add((String) t));
        }
        e.applyDescription(s);
    }

    @Override
    protected Map<String, Object> toMap(SubnetEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        m.put("network_id", e.networkId);
        m.put("ip_version", e.ipVersion);
        m.put("subnetpool_id", e.subnetpoolId);
        m.put(ENABLE_DHCP, e.enableDhcp);
        m.put(SubnetRules.RA_MODE, e.ipv6RaMode);
        m.put(SubnetRules.ADDRESS_MODE, e.ipv6AddressMode);
        m.put(GATEWAY_IP, e.gatewayIp);
        m.put("cidr", e.cidr);
        List<Map<String, Object>> pools = new ArrayList<>();
        e.pools().forEach(p -> pools.add(new AllocationPool(p).toMap()));
        m.put(ALLOCATION_POOLS, pools);
        List<Map<String, Object>> routes = new ArrayList<>();
        e.hostRoutes.forEach(r -> routes.add(r.toMap()));
        m.put(HOST_ROUTES, routes);
        m.put(DNS_NAMESERVERS, List.copyOf(e.dnsNameservers));
        m.put("service_types", e.serviceTypes.stream().sorted().toList());
        m.put("project_id", e.projectId);
        e.putStandardAttributes(m);
        return m;
    }

    /** 409 SubnetInUse while user ports hold addresses on it; others' addresses go with it. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, SubnetEntity e) {
        Ipam.releaseSubnet(em, e);
        reviseNetwork(em, e);
    }
}
