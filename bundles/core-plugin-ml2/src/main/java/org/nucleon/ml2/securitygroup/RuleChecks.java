package org.nucleon.ml2.securitygroup;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nucleon.api.error.NeutronException;

/**
 * Neutron's semantic checks of a security group rule ({@code _validate_security_group_rule}) on
 * a body the REST layer has already converted, and the key by which it finds duplicates.
 */
final class RuleChecks {
    static final String IPV4 = "IPv4";
    static final String IPV6 = "IPv6";
    private static final int ICMP = 1;
    private static final int IPV6_ICMP = 58;

    /** neutron-lib's IP_PROTOCOL_MAP, plus the legacy alias icmpv6. */
    private static final Map<String, Integer> PROTOCOL_NUMBERS = Map.ofEntries(Map.entry("ah", 51),
            Map.entry("dccp", 33), Map.entry("egp", 8), Map.entry("esp", 50), Map.entry("gre", 47),
            Map.entry("hopopt", 0), Map.entry("icmp", ICMP), Map.entry("igmp", 2), Map.entry("ip", 0),
            Map.entry("ipip", 4), Map.entry("ipv6-encap", 41), Map.entry("ipv6-frag", 44),
            Map.entry("ipv6-icmp", IPV6_ICMP), Map.entry("icmpv6", IPV6_ICMP), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("ipv6-route", 43), Map.entry("ospf", 89), Map.entry("pgm", 113),
            Map.entry("rsvp", 46), Map.entry("sctp", 132), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("udplite", 136), Map.entry("vrrp", 112));
    /** Protocols with ports: DCCP, SCTP, TCP, UDP, UDPLITE. */
    private static final List<Integer> PORT_PROTOCOLS = List.of(33, 132, 6, 17, 136);
    /** Protocols that only exist over IPv6, by name and number, as a rule states them. */
    private static final List<String> IPV6_ONLY = List.of("ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6",
            "ipv6-nonxt", "ipv6-opts", "ipv6-route", "41", "44", "58", "59", "60", "43");
    private static final List<String> ANY_ADDRESS = List.of("0.0.0.0/0", "::/0");

    private RuleChecks() {
    }

    /** A converted rule body's values, after Neutron's own normalisation of them. */
    record Rule(String direction, String ethertype, String protocol, Integer portRangeMin, Integer portRangeMax,
            String remoteIpPrefix, String remoteGroupId) {
    }

    /**
     * Checks a rule in Neutron's order and returns it normalised: on IPv6, the legacy ICMP names
     * and protocol 1 become ipv6-icmp and 58, as Neutron stores them.
     */
    static Rule check(Map<String, Object> body) {
        String ethertype = (String) body.get("ethertype");
        String protocol = canonicalProtocol((String) body.get("protocol"), ethertype);
        Integer min = (Integer) body.get("port_range_min");
        Integer max = (Integer) body.get("port_range_max");
        checkPorts(protocol, min, max);
        String prefix = (String) body.get("remote_ip_prefix");
        if (prefix != null) {
            IPAddress network = new IPAddressString(prefix).getAddress();
            if (!ethertype.equals(network.isIPv4() ? IPV4 : IPV6)) {
                throw new NeutronException(400, "SecurityGroupRuleParameterConflict",
                        "Conflicting value ethertype " + ethertype + " for CIDR " + prefix);
            }
        }
        if (IPV4.equals(ethertype) && protocol != null && IPV6_ONLY.contains(protocol)) {
            throw new NeutronException(400, "SecurityGroupEthertypeConflictWithProtocol",
                    "Invalid ethertype " + ethertype + " for protocol " + protocol + ".");
        }
        Object remote = body.get("remote_group_id");
        if (remote != null && !(remote instanceof String)) {
            // Neutron's map has no validator here; what is not a string names no group
            throw new NeutronException(404, "SecurityGroupNotFound", "Security group " + remote + " does not exist");
        }
        String remoteGroup = (String) remote;
        if (prefix != null && remoteGroup != null) {
            throw new NeutronException(400, "SecurityGroupMultipleRemoteEntites",
                    "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.");
        }
        return new Rule((String) body.get("direction"), ethertype, protocol, min, max, prefix, remoteGroup);
    }

    private static String canonicalProtocol(String protocol, String ethertype) {
        if (IPV6.equals(ethertype)) {
            if ("icmp".equals(protocol) || "icmpv6".equals(protocol)) {
                return "ipv6-icmp";
            }
            if (String.valueOf(ICMP).equals(protocol)) {
                return String.valueOf(IPV6_ICMP);
            }
        }
        return protocol;
    }

    /** The protocol's number; the converter has left only known names and "0".."255". */
    private static Integer number(String protocol) {
        if (protocol == null) {
            return null;
        }
        Integer n = PROTOCOL_NUMBERS.get(protocol);
        return n != null ? n : Integer.valueOf(protocol);
    }

    private static void checkPorts(String protocol, Integer min, Integer max) {
        if (min == null && max == null) {
            return;
        }
        if (protocol == null) {
            throw new NeutronException(400, "SecurityGroupProtocolRequiredWithPorts",
                    "Must also specify protocol if port range is given.");
        }
        int number = number(protocol);
        if (PORT_PROTOCOLS.contains(number)) {
            if (Objects.equals(min, 0) || Objects.equals(max, 0)) {
                throw new NeutronException(400, "SecurityGroupInvalidPortValue", "Invalid value for port 0");
            }
            if (min == null || max == null || min > max) {
                throw new NeutronException(400, "SecurityGroupInvalidPortRange",
                        "For TCP/UDP protocols, port_range_min must be <= port_range_max");
            }
        } else if (number == ICMP || number == IPV6_ICMP) {
            checkIcmp("type", "port_range_min", min);
            checkIcmp("code", "port_range_max", max);
            if (min == null) {
                throw new NeutronException(400, "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) " + max
                        + " is provided but ICMP type (port-range-min) is missing.");
            }
        } else {
            throw new NeutronException(400, "SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for "
                    + "protocol " + number + ". Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.");
        }
    }

    private static void checkIcmp(String field, String attribute, Integer value) {
        if (value != null && value > 255) {
            throw new NeutronException(400, "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP " + field + " ("
                    + attribute + ") " + value + ". It must be 0 to 255.");
        }
    }

    /**
     * The rule's identity within its group, as Neutron's {@code _rule_to_key}: protocols compare
     * by number, and an any-address prefix is the same as none.
     */
    static String key(Rule r) {
        String prefix = r.remoteIpPrefix() == null || ANY_ADDRESS.contains(r.remoteIpPrefix()) ? null
                : r.remoteIpPrefix();
        return String.join("|", r.direction(), r.ethertype(), String.valueOf(number(r.protocol())),
                String.valueOf(r.portRangeMin()), String.valueOf(r.portRangeMax()), String.valueOf(r.remoteGroupId()),
                String.valueOf(prefix));
    }
}
