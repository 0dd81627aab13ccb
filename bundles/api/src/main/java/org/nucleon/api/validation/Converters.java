package org.nucleon.api.validation;

import static org.nucleon.api.validation.Validators.fmt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import inet.ipaddr.IPAddress;
import org.nucleon.api.error.NeutronException;

/**
 * Neutron's attribute converters, keyed by their Python function names ({@code convert_to_boolean},
 * ...): neutron-lib's {@code converters} module plus those neutron's extensions define. Converted
 * values are plain JSON values again; a failure throws neutron's exception (InvalidInput, or the
 * extension's own exception type where neutron raises one).
 */
public final class Converters {
    /** neutron's sg_supported_protocols: None and the names of neutron-lib's IP_PROTOCOL_MAP. */
    private static final List<String> SG_PROTOCOLS = List.of("ah", "dccp", "egp", "esp", "gre", "hopopt", "icmp",
            "igmp", "ip", "ipip", "ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts",
            "ipv6-route", "ospf", "pgm", "rsvp", "sctp", "tcp", "udp", "udplite", "vrrp");
    /** neutron-lib's IPTABLES_PROTOCOL_MAP keys, the names convert_to_protocol accepts. */
    private static final List<String> IPTABLES_PROTOCOLS = List.of("dccp", "icmp", "ipv6-icmp", "sctp", "tcp", "udp");
    private static final List<String> ETHERTYPES = List.of("IPv4", "IPv6");

    private static final Map<String, Converter> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("convert_to_boolean", Converters::toBoolean);
        REGISTRY.put("convert_to_boolean_if_not_none", ifNotNone(Converters::toBoolean));
        REGISTRY.put("convert_to_int", Converters::toInt);
        REGISTRY.put("convert_to_int_if_not_none", ifNotNone(Converters::toInt));
        REGISTRY.put("convert_kvp_list_to_dict", Converters::kvpListToDict);
        REGISTRY.put("convert_none_to_empty_list", v -> v == null ? new ArrayList<>() : v);
        REGISTRY.put("convert_none_to_empty_dict", v -> v == null ? new LinkedHashMap<>() : v);
        REGISTRY.put("convert_to_list", Converters::toList);
        REGISTRY.put("convert_allocation_pools_to_canonical_format", Converters::allocationPoolsToCanonical);
        // neutron-lib fails on None; None is "no CIDR" to type:subnet_or_none, so it passes through
        REGISTRY.put("convert_cidr_to_canonical_format", ifNotNone(Converters::cidrToCanonical));
        REGISTRY.put("convert_ip_to_canonical_format", Converters::ipToCanonical);
        REGISTRY.put("convert_ip_prefix_to_cidr", Converters::ipPrefixToCidr);
        REGISTRY.put("convert_to_sanitized_mac_address", v -> {
            String mac = Validators.macText(v);
            return mac == null ? v : mac;
        });
        REGISTRY.put("convert_string_to_case_insensitive", Converters::toLowerCase);
        REGISTRY.put("convert_ethertype_to_case_insensitive", Converters::ethertype);
        REGISTRY.put("convert_protocol", Converters::securityGroupProtocol);
        REGISTRY.put("convert_to_protocol", Converters::toProtocol);
        REGISTRY.put("convert_validate_port_value", Converters::portValue);
        // rbac's object types and port MAC defaults are checked by the plugins that own them
        REGISTRY.put("convert_valid_object_type", v -> v);
        REGISTRY.put("convert_to_mac_if_none", v -> v);
    }

    private Converters() {
    }

    /** The converter with neutron's function name {@code name}, or null if there is none. */
    public static Converter get(String name) {
        return REGISTRY.get(name);
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    private static Converter ifNotNone(Converter c) {
        return v -> v == null ? null : c.convert(v);
    }

    static Object toBoolean(Object value) {
        Boolean b = Validators.boolFromString(value);
        if (b == null) {
            throw NeutronException.invalidInput(fmt("'%s' cannot be converted to boolean", value));
        }
        return b;
    }

    /** Python's int(), as the narrowest type Jackson would have read the number into. */
    static Object toInt(Object value) {
        BigInteger n = Validators.intOrNull(value);
        // Python's ints have no size; every integer attribute Neutron has fits in 64 bits, and a
        // value that does not is refused here rather than overflowing a column later
        if (n == null || n.bitLength() >= 64) {
            throw NeutronException.invalidInput(fmt("'%s' is not an integer", value));
        }
        return n.bitLength() < 32 ? (Object) n.intValue() : (Object) n.longValue();
    }

    /** ["key=value", ...] (query filters) to {key: [values]}; ["True"] is a flag given without values. */
    private static Object kvpListToDict(Object value) {
        if (List.of("True").equals(value)) {
            return new LinkedHashMap<>();
        }
        List<?> items = Validators.iterate(value);
        Map<String, Set<String>> kvp = new LinkedHashMap<>();
        for (Object item : items == null ? Collections.singletonList(value) : items) {
            String[] pair = Validators.str(item).split("=", 2);
            if (pair.length != 2 || pair[0].strip().isEmpty()) {
                throw NeutronException.invalidInput(fmt("'%s' is not of the form <key>=[value]", item));
            }
            kvp.computeIfAbsent(pair[0].strip(), k -> new LinkedHashSet<>()).add(pair[1].strip());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        kvp.forEach((k, v) -> result.put(k, new ArrayList<>(v)));
        return result;
    }

    private static Object toList(Object value) {
        if (value == null) {
            return new ArrayList<>();
        }
        List<?> items = value instanceof String ? null : Validators.iterate(value);
        return new ArrayList<>(items == null ? List.of(value) : items);
    }

    /** Copies the pools with IPv6 start/end in canonical form; the validator reports malformed pools. */
    private static Object allocationPoolsToCanonical(Object value) {
        if (!(value instanceof List<?> pools)) {
            return value;
        }
        List<Object> result = new ArrayList<>();
        for (Object pool : pools) {
            if (pool instanceof Map<?, ?> m) {
                Map<Object, Object> copy = new LinkedHashMap<>(m);
                for (String key : List.of("start", "end")) {
                    if (copy.containsKey(key)) {
                        copy.put(key, ipToCanonical(copy.get(key)));
                    }
                }
                pool = copy;
            }
            result.add(pool);
        }
        return result;
    }

    /** The IPv6 address in compressed lower-case form; anything else is returned as given. */
    private static Object ipToCanonical(Object value) {
        IPAddress ip = Validators.parseAddress(value);
        return ip != null && ip.isIPv6() ? Validators.ipText(ip) : value;
    }

    private static Object cidrToCanonical(Object value) {
        return cidrText(value, NeutronException.invalidInput(fmt("%s is not in a CIDR format", value)));
    }

    /** Security-group remote_ip_prefix: an address becomes a /32 or /128; host bits are kept. */
    private static Object ipPrefixToCidr(Object value) {
        if (!Validators.truthy(value)) {
            return null;
        }
        return cidrText(value,
                new NeutronException(400, "InvalidCIDR", fmt("Invalid CIDR %s given as IP prefix.", value)));
    }

    /** str(netaddr.IPNetwork(value)), or the given error when it is no network. */
    private static String cidrText(Object value, NeutronException error) {
        IPAddress network = Validators.parseNetwork(value);
        if (network == null) {
            throw error;
        }
        return Validators.cidrText(network);
    }

    private static Object toLowerCase(Object value) {
        if (!(value instanceof String s)) {
            throw NeutronException.invalidInput(fmt("Input value %s must be string type", value));
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static Object ethertype(Object value) {
        for (String ethertype : ETHERTYPES) {
            if (value instanceof String s && ethertype.equalsIgnoreCase(s)) {
                return ethertype;
            }
        }
        throw new NeutronException(400, "SecurityGroupRuleInvalidEtherType", fmt(
                "Security group rule for ethertype '%s' not supported. Allowed values are %s.", value, ETHERTYPES));
    }

    /** A security-group rule protocol: a name (lower-cased) or a number 0..255 kept as a string. */
    private static Object securityGroupProtocol(Object value) {
        if (value == null || "any".equals(value)) {
            return null;
        }
        // a fraction is no protocol number, though Python's int() would truncate it
        BigInteger number = value instanceof Boolean || value instanceof Double ? null : Validators.intOrNull(value);
        if (number != null && Validators.validateRange(number, List.of(0, 255)) == null) {
            // neutron stores protocol numbers as strings (bug 1381379)
            return number.toString();
        }
        if (number == null && value instanceof String s && SG_PROTOCOLS.contains(s.toLowerCase(Locale.ROOT))) {
            return s.toLowerCase(Locale.ROOT);
        }
        List<String> supported = new ArrayList<>(Collections.singletonList(null));
        supported.addAll(SG_PROTOCOLS);
        throw new NeutronException(400, "SecurityGroupRuleInvalidProtocol", fmt("Security group rule protocol %s "
                + "not supported. Only protocol values %s and integer representations [0 to 255] are supported.",
                value, supported));
    }

    /** neutron-lib's convert_to_protocol: a name it can program into iptables, or "0".."255". */
    private static Object toProtocol(Object value) {
        if (value == null || IPTABLES_PROTOCOLS.contains(toLowerCase(value))) {
            return value;
        }
        BigInteger number = Validators.intOrNull(value);
        if (number != null && Validators.validateRange(number, List.of(0, 255)) == null) {
            return value;
        }
        throw NeutronException.invalidInput(fmt("IP protocol '%s' is not supported. Only protocol names "
                + "and their integer representation (0 to 255) are supported", value));
    }

    private static Object portValue(Object value) {
        if (value == null) {
            return null;
        }
        Integer port = Validators.portNumber(value);
        if (port == null) {
            throw new NeutronException(400, "SecurityGroupInvalidPortValue", fmt("Invalid value for port %s", value));
        }
        return port;
    }
}
