package org.nucleon.ml2.subnet;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.OrderColumn;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.nucleon.api.persistence.StandardAttributes;
import org.nucleon.ml2.ipam.Ip;

/** A row of the {@code subnets} table, with its pools, DNS servers, routes and service types. */
@Entity
@Table(name = "subnets", indexes = {@Index(name = "ix_subnets_network_id", columnList = "network_id"),
    @Index(name = "ix_subnets_subnetpool_id", columnList = "subnetpool_id")})
public class SubnetEntity extends StandardAttributes {
    static final Set<String> AUTO_ADDRESS_MODES = Set.of("slaac", "dhcpv6-stateless");

    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(name = "network_id", length = 36, nullable = false)
    String networkId;

    @Column(name = "ip_version")
    int ipVersion;

    @Column(length = 64, nullable = false)
    String cidr;

    @Column(name = "gateway_ip", length = 64)
    String gatewayIp;

    @Column(name = "enable_dhcp")
    boolean enableDhcp;

    @Column(name = "ipv6_ra_mode", length = 16)
    String ipv6RaMode;

    @Column(name = "ipv6_address_mode", length = 16)
    String ipv6AddressMode;

    @Column(name = "subnetpool_id", length = 36)
    String subnetpoolId;

    // no @BatchFetch on the embeddable collections: with it EclipseLink 2.7 failed to read their
    // fields at a bulk port create's flush (PortHandlerTest)
    @ElementCollection
    @CollectionTable(name = "subnet_allocation_pools", joinColumns = @JoinColumn(name = "subnet_id"))
    List<AllocationPool> allocationPools = new ArrayList<>();

    /** Order matters to clients (resolv.conf), so it is kept. */
    // a list's subnets get these in one query, not one per subnet (as NetworkEntity.segments)
    @ElementCollection
    @BatchFetch(BatchFetchType.IN)
    @CollectionTable(name = "subnet_dns_nameservers", joinColumns = @JoinColumn(name = "subnet_id"))
    @OrderColumn(name = "position")
    @Column(name = "address", length = 128)
    List<String> dnsNameservers = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "subnet_routes", joinColumns = @JoinColumn(name = "subnet_id"))
    List<HostRoute> hostRoutes = new ArrayList<>();

    @ElementCollection
    @BatchFetch(BatchFetchType.IN)
    @CollectionTable(name = "subnet_service_types", joinColumns = @JoinColumn(name = "subnet_id"))
    @Column(name = "service_type", length = 255)
    List<String> serviceTypes = new ArrayList<>();

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String networkId() {
        return networkId;
    }

    public int ipVersion() {
        return ipVersion;
    }

    public String cidr() {
        return cidr;
    }

    public IPAddress block() {
        return Ip.network(cidr);
    }

    public String gatewayIp() {
        return gatewayIp;
    }

    public List<IPAddressSeqRange> pools() {
        List<IPAddressSeqRange> out = new ArrayList<>();
        allocationPools.forEach(p -> out.add(p.range()));
        out.sort(Ip.BY_START);
        return out;
    }

    public boolean enableDhcp() {
        return enableDhcp;
    }

    public List<String> serviceTypes() {
        return serviceTypes;
    }

    public String subnetpoolId() {
        return subnetpoolId;
    }

    /** SLAAC or DHCPv6-stateless: ports get EUI-64 addresses (ipv6_utils.is_auto_address_subnet). */
    public boolean autoAddress() {
        return isAutoMode(ipv6AddressMode) || isAutoMode(ipv6RaMode);
    }

    static boolean isAutoMode(Object mode) {
        return mode != null && AUTO_ADDRESS_MODES.contains(mode);
    }
}
