package org.nucleon.ml2.subnet;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.ipam.Ip;
import org.nucleon.ml2.ipam.IpamErrors;

/** Neutron's semantic checks of a subnet body (db_base_plugin_v2 and ipam_backend_mixin). */
final class SubnetRules {
    static final String GATEWAY_IP = "gateway_ip";
    static final String ALLOCATION_POOLS = "allocation_pools";
    static final String DNS_NAMESERVERS = "dns_nameservers";
    static final String HOST_ROUTES = "host_routes";
    static final String ENABLE_DHCP = "enable_dhcp";
    static final String RA_MODE = "ipv6_ra_mode";
    static final String ADDRESS_MODE = "ipv6_address_mode";
    /** cfg max_dns_nameservers and max_subnet_host_routes. */
    static final int MAX_DNS_NAMESERVERS = 5;
    static final int MAX_HOST_ROUTES = 20;

    private SubnetRules() {
    }

    /**
     * _validate_subnet: the parts of a create or update body that depend on the CIDR and the
     * version. {@code current} is the stored subnet on update, null on create.
     */
    static void validate(int ipVersion, String cidr, Map<String, Object> s, SubnetEntity current) {
        IPAddress block = Ip.network(cidr);
        if (current == null && Ip.version(block) != ipVersion) {
            throw IpamErrors.versionMismatch("cidr", cidr, ipVersion);
        }
        boolean dhcpWasEnabled = current != null && current.enableDhcp;
        if (Boolean.TRUE.equals(s.get(ENABLE_DHCP)) && !dhcpWasEnabled) {
            validateDhcpCidr(block);
        }
        if (s.get(GATEWAY_IP) != null) {
            String gw = (String) s.get(GATEWAY_IP);
            checkVersion(GATEWAY_IP, gw, ipVersion);
            if (gatewayInvalid(block, Ip.address(gw))) {
                throw NeutronException.invalidInput("Gateway is not valid on subnet");
            }
        }
        List<?> dns = list(s.get(DNS_NAMESERVERS));
        if (dns.size() > MAX_DNS_NAMESERVERS) {
            throw exhausted("DNSNameServersExhausted", "DNS nameservers", current, MAX_DNS_NAMESERVERS);
        }
        dns.forEach(d -> checkVersion("dns_nameserver", (String) d, ipVersion));
        List<?> routes = list(s.get(HOST_ROUTES));
        if (routes.size() > MAX_HOST_ROUTES) {
            throw exhausted("HostRoutesExhausted", "host routes", current, MAX_HOST_ROUTES);
        }
        for (Object r : routes) {
            Map<?, ?> route = (Map<?, ?>) r;
            checkVersion("nexthop", (String) route.get("nexthop"), ipVersion);
            checkVersion("destination", (String) route.get("destination"), ipVersion);
        }
        if (ipVersion == 4) {
            for (String mode : List.of(RA_MODE, ADDRESS_MODE)) {
                if (s.get(mode) != null) {
                    throw NeutronException.invalidInput(mode + " is not valid when ip_version is 4");
                }
            }
        } else {
            validateIpv6(block, cidr, s, current);
        }
    }

    private static void validateDhcpCidr(IPAddress block) {
        int hostBits = block.getBitCount() - Ip.prefixLength(block);
        // IPv4 beyond /30, IPv6 beyond /126
        if (hostBits < 2) {
            throw NeutronException.invalidInput("Subnet has a prefix length that is incompatible with DHCP "
                    + "service enabled");
        }
        if (block.isMulticast()) {
            throw NeutronException.invalidInput("Multicast IP subnet is not supported if enable_dhcp is True");
        }
        if (block.isLoopback()) {
            throw NeutronException.invalidInput("Loopback IP subnet is not supported if enable_dhcp is True");
        }
        if (block.isIPv4() && block.getLower().isZero()) {
            throw NeutronException.invalidInput(
                    "First IP '0.0.0.0' of network is not supported if enable_dhcp is True.");
        }
    }

    private static void validateIpv6(IPAddress block, String cidr, Map<String, Object> s, SubnetEntity current) {
        if (current != null) {
            boolean modesSet = s.get(RA_MODE) != null || s.get(ADDRESS_MODE) != null
                    || current.ipv6RaMode != null || current.ipv6AddressMode != null;
            if (Boolean.FALSE.equals(s.get(ENABLE_DHCP)) && modesSet) {
                throw NeutronException.invalidInput("Cannot disable enable_dhcp with ipv6 attributes set");
            }
            return;
        }
        Object ra = s.get(RA_MODE);
        Object address = s.get(ADDRESS_MODE);
        if ((ra != null || address != null) && !Boolean.TRUE.equals(s.get(ENABLE_DHCP))) {
            throw NeutronException.invalidInput(
                    "ipv6_ra_mode or ipv6_address_mode cannot be set when enable_dhcp is set to False");
        }
        if (ra != null && address != null && !ra.equals(address)) {
            throw NeutronException.invalidInput("ipv6_ra_mode set to '" + ra + "' with ipv6_address_mode set to '"
                    + address + "' is not valid. If both attributes are set, they must be the same value");
        }
        boolean auto = SubnetEntity.isAutoMode(ra) || SubnetEntity.isAutoMode(address);
        if (auto && Ip.prefixLength(block) != 64) {
            throw NeutronException.invalidInput("Invalid CIDR " + cidr + " for IPv6 address mode. OpenStack uses "
                    + "the EUI-64 address format, which requires the prefix to be /64");
        }
    }

    /** ipam/utils check_gateway_invalid_in_subnet: an IPv4 gateway on the network or broadcast address. */
    static boolean gatewayInvalid(IPAddress block, IPAddress gateway) {
        return block.isIPv4() && block.contains(gateway) && (gateway.equals(block.getLower().withoutPrefixLength())
                || gateway.equals(block.getUpper().withoutPrefixLength()));
    }

    private static void checkVersion(String attr, String value, int ipVersion) {
        IPAddress a = new IPAddressString(value).getAddress();
        if (a != null && Ip.version(a) != ipVersion) {
            throw IpamErrors.versionMismatch(attr, value, ipVersion);
        }
    }

    private static NeutronException exhausted(String type, String what, SubnetEntity current, int quota) {
        return new NeutronException(400, type, "Unable to complete operation for "
                + (current == null ? "new subnet" : current.id) + ". The number of " + what
                + " exceeds the limit " + quota + ".");
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /**
     * validate_allocation_pools: each pool a valid range of the subnet's version inside the
     * usable part of the CIDR, and no two overlapping. Returns the pools in address order.
     */
    static List<IPAddressSeqRange> pools(IPAddress block, String cidr, List<?> requested) {
        List<IPAddressSeqRange> ranges = new ArrayList<>();
        for (Object p : requested) {
            Map<?, ?> pool = (Map<?, ?>) p;
            IPAddress start = Ip.address((String) pool.get("start"));
            IPAddress end = Ip.address((String) pool.get("end"));
            if (start.isIPv4() != end.isIPv4() || start.getValue().compareTo(end.getValue()) > 0) {
                throw invalidPool(pythonDict(pool));
            }
            ranges.add(start.toSequentialRange(end));
        }
        IPAddress first = block.getLower().increment(1);
        IPAddress last = block.isIPv4() ? block.getUpper().increment(-1) : block.getUpper();
        for (IPAddressSeqRange r : ranges) {
            if (r.getLower().isIPv4() != block.isIPv4()) {
                throw invalidPool(Ip.rangeText(r));
            }
            if (r.getLower().getValue().compareTo(first.getValue()) < 0
                    || r.getUpper().getValue().compareTo(last.getValue()) > 0) {
                throw new NeutronException(400, "OutOfBoundsAllocationPool", "The allocation pool "
                        + Ip.rangeText(r) + " spans beyond the subnet cidr " + cidr + ".");
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (ranges.get(i).overlaps(ranges.get(j))) {
                    throw NeutronException.conflict("OverlappingAllocationPools", "Found overlapping allocation pools: "
                            + Ip.rangeText(ranges.get(i)) + " " + Ip.rangeText(ranges.get(j)) + " for subnet "
                            + cidr + ".");
                }
            }
        }
        ranges.sort(Ip.BY_START);
        return ranges;
    }

    /** validate_gw_out_of_pools. */
    static void gatewayOutsidePools(String gateway, List<IPAddressSeqRange> pools) {
        IPAddress gw = Ip.address(gateway);
        for (IPAddressSeqRange r : pools) {
            if (r.contains(gw)) {
                throw NeutronException.conflict("GatewayConflictWithAllocationPools", "Gateway ip " + gateway
                        + " conflicts with allocation pool " + Ip.rangeText(r) + ".");
            }
        }
    }

    private static NeutronException invalidPool(String pool) {
        return new NeutronException(400, "InvalidAllocationPool", "The allocation pool " + pool + " is not valid.");
    }

    /** The pool as Python prints the dict, as Neutron's message shows it. */
    private static String pythonDict(Map<?, ?> pool) {
        List<String> items = new ArrayList<>();
        pool.forEach((k, v) -> items.add("'" + k + "': '" + v + "'"));
        return "{" + String.join(", ", items) + "}";
    }
}
