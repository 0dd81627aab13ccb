package org.nucleon.api.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.MACAddressString;
import inet.ipaddr.MACAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import org.nucleon.api.error.NeutronException;

/**
 * Neutron's attribute validators, keyed by the names the attribute maps use ({@code type:uuid},
 * ...): neutron-lib's {@code validators} dict plus those neutron's extensions register. Messages
 * are neutron-lib's, with values rendered as Python's {@code %s} renders them.
 * <p>
 * Where neutron raises a specific exception instead of returning a reason (for example
 * {@code AllowedAddressPairsMissingIP}), the validator throws the matching {@link NeutronException}
 * so the client sees the same type and message. {@code type:dict*} key specs and
 * {@code type:network_segments} convert values inside the given map in place, as neutron does.
 */
public final class Validators {
    /** neutron's {@code max_allowed_address_pair} default. */
    static final int MAX_ALLOWED_ADDRESS_PAIRS = 10;
    private static final int NAME_MAX_LEN = 255;
    private static final int AZ_HINTS_DB_LEN = 255;
    private static final String IPV6_PD_POOL_ID = "prefix_delegation";
    private static final List<String> INVALID_MACS = List.of("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff");
    private static final List<String> SEGMENT_KEYS =
            List.of("provider:network_type", "provider:physical_network", "provider:segmentation_id");
    /**
     * neutron-lib builds this as {@code list(DEVICE_OWNER_PREFIXES) + "compute:"}, which extends the
     * list with the characters of "compute:"; so any type starting with one of them is accepted.
     */
    private static final List<String> SERVICE_TYPE_PREFIXES =
            List.of("network:", "neutron:", "c", "o", "m", "p", "u", "t", "e", ":");
    private static final List<String> TRUE_STRINGS = List.of("1", "t", "true", "on", "y", "yes");
    private static final List<String> FALSE_STRINGS = List.of("0", "f", "false", "off", "n", "no");

    private static final Pattern WHITESPACE = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern INT_LITERAL = Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern IPV4_DIGITS = Pattern.compile("[0-9]+(\\.[0-9]+){3}");
    // Python's str.splitlines() boundaries
    private static final String LINE_BREAK = "\\r\\n|[\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]";
    private static final Pattern LINE_BREAKS = Pattern.compile(LINE_BREAK);
    /** The EUI-48 text forms netaddr accepts; the IPAddress library parses the digits. */
    private static final Pattern MAC_FORM = Pattern.compile(String.join("|",
            "\\p{XDigit}{1,2}(:\\p{XDigit}{1,2}){5}", "\\p{XDigit}{1,2}(-\\p{XDigit}{1,2}){5}",
            "\\p{XDigit}{1,4}([.]\\p{XDigit}{1,4}){2}", "\\p{XDigit}{1,4}(:\\p{XDigit}{1,4}){2}",
            "\\p{XDigit}{1,4}(-\\p{XDigit}{1,4}){2}", "\\p{XDigit}{5,6}[:-]\\p{XDigit}{5,6}",
            "\\p{XDigit}{11,12}"));
    private static final MACAddressStringParameters BARE_MAC = new MACAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(true)
            .setAllAddresses(MACAddressStringParameters.AddressSize.MAC).toParams();
    private static final IPAddressStringParameters ADDRESS = ipParameters(false);
    private static final IPAddressStringParameters NETWORK = ipParameters(true);

    private static final Map<String, Validator> REGISTRY = new LinkedHashMap<>();

    static {
        register("type:string", Validators::validateString);
        // neutron-lib's name validators: accepted like the string validators they replaced
        register("type:name_string", Validators::validateString);
        register("type:not_empty_string", Validators::validateNotEmptyString);
        register("type:not_empty_name_string", Validators::validateNotEmptyString);
        register("type:oneline_not_empty_string", Validators::validateOnelineNotEmptyString);
        register("type:valid_target_project", (d, a) -> validateString(d, a == null ? NAME_MAX_LEN : a));
        register("type:name_not_default", Validators::validateNameNotDefault);
        register("type:service_plugin_type", (d, a) -> validateServicePluginType(d));
        register("type:boolean",
                (d, a) -> boolFromString(d) == null ? fmt("'%s' is not a valid boolean value", d) : null);
        register("type:integer", Validators::validateInteger);
        register("type:values", Validators::validateValues);
        register("type:range", Validators::validateRange);
        register("type:non_negative", (d, a) -> validateNonNegative(d));
        register("type:port_range", Validators::validatePortRange);
        register("type:uuid", (d, a) -> validateUuid(d));
        register("type:uuid_list", (d, a) -> validateListOfItems(d, Validators::validateUuid));
        register("type:uuid_list_non_empty", (d, a) -> validateNonEmptyList(d, Validators::validateUuid));
        register("type:subnetpool_id", (d, a) -> IPV6_PD_POOL_ID.equals(d) || d == null ? null : validateUuid(d));
        register("type:ip_address", (d, a) -> validateIpAddress(d));
        register("type:ip_or_subnet_or_none", Validators::validateIpOrSubnetOrNone);
        register("type:subnet", (d, a) -> validateSubnet(d));
        register("type:subnet_list", (d, a) -> validateListOfItems(d, Validators::validateSubnet));
        register("type:mac_address", (d, a) -> validateMacAddress(d));
        register("type:regex", Validators::validateRegex);
        register("type:list_of_regex_or_none",
                (d, a) -> d == null ? null : validateListOfItems(d, item -> validateRegex(item, a)));
        register("type:dict", Validators::validateDict);
        register("type:dict_or_empty", (d, a) -> d instanceof Map<?, ?> m && m.isEmpty() ? null : validateDict(d, a));
        register("type:dict_or_nodata", (d, a) -> truthy(d) ? validateDict(d, a) : null);
        register("type:list_of_unique_strings", (d, a) -> validateListOfItems(d, item -> validateString(item, a)));
        register("type:list_of_any_key_specs_or_none", Validators::validateAnyKeySpecsOrNone);
        register("type:nameservers", (d, a) -> validateNameservers(d));
        register("type:hostroutes", (d, a) -> validateHostroutes(d));
        register("type:ip_pools", (d, a) -> validateIpPools(d));
        register("type:fixed_ips", (d, a) -> validateFixedIps(d));
        register("type:allowed_address_pairs", (d, a) -> validateAllowedAddressPairs(d));
        register("type:network_segments", (d, a) -> convertAndValidateSegments(d));
        register("type:availability_zone_hint_list", (d, a) -> validateAvailabilityZoneHints(d));
        register("type:list_of_subnet_service_types", (d, a) -> validateSubnetServiceTypes(d));
        for (String name : List.of("string", "name_string", "not_empty_string", "oneline_not_empty_string",
                "range", "uuid", "subnetpool_id", "ip_address", "subnet", "mac_address", "regex", "dict")) {
            register("type:" + name + "_or_none", orNone(REGISTRY.get("type:" + name)));
        }
        register("type:list_of_subnets_or_none", orNone(REGISTRY.get("type:subnet_list")));
    }

    private Validators() {
    }

    /** The validator neutron-lib registers under {@code name}, or null if there is none. */
    public static Validator get(String name) {
        return REGISTRY.get(name);
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    private static void register(String name, Validator v) {
        REGISTRY.put(name, Objects.requireNonNull(v, name));
    }

    private static Validator orNone(Validator v) {
        return (d, a) -> d == null ? null : v.validate(d, a);
    }

    // ---- strings and scalars ----

    static String validateString(Object data, Object maxLen) {
        if (!(data instanceof String s)) {
            return fmt("'%s' is not a valid string", data);
        }
        if (maxLen != null && s.codePointCount(0, s.length()) > ((Number) maxLen).intValue()) {
            return fmt("'%s' exceeds maximum length of %s", s, maxLen);
        }
        return null;
    }

    private static String validateNotEmptyString(Object data, Object maxLen) {
        String msg = validateString(data, maxLen);
        return msg == null && ((String) data).strip().isEmpty()
                ? fmt("'%s' Blank strings are not permitted", data) : msg;
    }

    private static String validateOnelineNotEmptyString(Object data, Object maxLen) {
        String msg = validateNotEmptyString(data, maxLen);
        // like len(data.splitlines()) > 1: one trailing line break still makes a single line
        return msg == null && LINE_BREAKS.matcher(((String) data).replaceFirst("(?:" + LINE_BREAK + ")\\z", "")).find()
                ? fmt("Multi-line string is not allowed: '%s'", data) : msg;
    }

    /** neutron's security-group name check: the name "default" is reserved for the default group. */
    private static String validateNameNotDefault(Object data, Object maxLen) {
        String msg = validateString(data, maxLen == null ? NAME_MAX_LEN : maxLen);
        if (msg == null && ((String) data).toLowerCase(Locale.ROOT).equals("default")) {
            throw NeutronException.conflict("SecurityGroupDefaultAlreadyExists",
                    "Default security group already exists.");
        }
        return msg;
    }

    /** neutron-lib asks the plugin directory; here any non-empty name is a service plugin type. */
    private static String validateServicePluginType(Object data) {
        if (data instanceof String s && !s.isEmpty()) {
            return null;
        }
        throw new NeutronException(400, "InvalidServiceType", fmt("Invalid service type: %s.", data));
    }

    private static String validateInteger(Object data, Object validValues) {
        String msg = validValues == null ? null : validateValues(data, validValues);
        if (msg != null) {
            return msg;
        }
        BigInteger n = intOrNull(data);
        // float(data) must equal int(data): a fractional float is not an integer
        if (n == null || (data instanceof Double || data instanceof Float)
                && new BigDecimal(((Number) data).doubleValue()).compareTo(new BigDecimal(n)) != 0) {
            return fmt("'%s' is not an integer", data);
        }
        return data instanceof Boolean ? fmt("'%s' is not an integer:boolean", data) : null;
    }

    static String validateValues(Object data, Object validValues) {
        if (validValues == null) {
            return null;
        }
        if (!(validValues instanceof Collection<?> values)) {
            throw new IllegalArgumentException("'valid_values' does not support membership operations");
        }
        // neutron-lib no longer lists the valid values in the message
        return contains(values, data) ? null : fmt("%s is not in valid_values", data);
    }

    static String validateRange(Object data, Object limits) {
        List<?> range = (List<?>) limits;
        BigInteger n = intOrNull(data);
        if (n == null) {
            return fmt("'%s' is not an integer", data);
        }
        Object min = range.get(0);
        Object max = range.get(1);
        if (min != null && n.compareTo(pyInt(min)) < 0) {
            return fmt("'%s' is too small - must be at least '%s'", n, pyInt(min));
        }
        if (max != null && n.compareTo(pyInt(max)) > 0) {
            return fmt("'%s' is too large - must be no larger than '%s'", n, pyInt(max));
        }
        return null;
    }

    private static String validateNonNegative(Object data) {
        BigInteger n = intOrNull(data);
        if (n == null) {
            return fmt("'%s' is not an integer", data);
        }
        return n.signum() < 0 ? fmt("'%s' should be non-negative", n) : null;
    }

    private static String validatePortRange(Object data, Object limits) {
        if (data == null) {
            return null;
        }
        List<?> range = limits == null ? List.of(0, 65535) : (List<?>) limits;
        BigInteger min = pyInt(range.get(0));
        BigInteger max = pyInt(range.get(1));
        String[] ports = str(data).split(":", -1);
        String notTwo = "Port range must be two integers separated by a colon";
        if (ports.length > 2) {
            return notTwo;
        }
        for (String p : ports) {
            if (p.isEmpty()) {
                return notTwo;
            }
            Integer port = portNumber(p);
            if (port == null) {
                return fmt("Invalid port: %s", p);
            }
            if (max.intValue() < port || port < min.intValue()) {
                return fmt("Invalid port: %s, the port must be in the range [%s, %s]", p, min, max);
            }
        }
        if (ports.length > 1 && pyInt(ports[0]).compareTo(pyInt(ports[1])) > 0) {
            return "First port in a port range must be lower than the second port";
        }
        return null;
    }

    /** oslo's is_valid_port: int(value) within 0..65535, else null. */
    static Integer portNumber(Object value) {
        BigInteger n = intOrNull(value);
        return n != null && n.signum() >= 0 && n.compareTo(BigInteger.valueOf(65535)) <= 0 ? n.intValue() : null;
    }

    private static String validateRegex(Object data, Object regex) {
        // re.match: anchored at the start only
        boolean match = data instanceof String s && regex instanceof String r
                && Pattern.compile(r).matcher(s).lookingAt();
        return match ? null : fmt("'%s' is not a valid input", data);
    }

    /** oslo's is_uuid_like: 32 hex digits once "urn:", "uuid:", braces and dashes are removed. */
    static String validateUuid(Object data) {
        if (data instanceof String s) {
            String hex = s.replace("urn:", "").replace("uuid:", "").replaceAll("^[{}]+|[{}]+$", "").replace("-", "");
            if (UUID_HEX.matcher(hex).matches()) {
                return null;
            }
        }
        return fmt("'%s' is not a valid UUID", data);
    }

    // ---- IP and MAC addresses ----

    /**
     * netaddr's strict (INET_PTON) forms: dotted quads without leading zeros, IPv6 without
     * zones; a network may carry a prefix length or a netmask.
     */
    private static IPAddressStringParameters ipParameters(boolean network) {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefixOnly(false)
                .allowPrefix(network).allowMask(network).allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE).allow_inet_aton(false);
        b.getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowBinary(false);
        b.getIPv6AddressParametersBuilder().allowZone(false).allowBase85(false).allowBinary(false)
                .allowUnlimitedLeadingZeros(false)
                .getEmbeddedIPv4AddressParametersBuilder().allowLeadingZeros(false).allow_inet_aton(false);
        return b.toParams();
    }

    /** The address netaddr.IPAddress accepts, or null. */
    static IPAddress parseAddress(Object value) {
        return value instanceof String s ? new IPAddressString(s, ADDRESS).getAddress() : null;
    }

    /** The network netaddr.IPNetwork accepts (a bare address is a /32 or /128), or null. */
    static IPAddress parseNetwork(Object value) {
        return value instanceof String s ? new IPAddressString(s, NETWORK).getAddress() : null;
    }

    /** An address as netaddr prints it: inet_ntop's form, IPv4-mapped/compatible IPv6 in mixed notation. */
    static String ipText(IPAddress ip) {
        if (ip.isIPv6()) {
            IPv6Address v6 = ip.toIPv6();
            int[] words = new int[8];
            for (int i = 0; i < 8; i++) {
                words[i] = v6.getSegment(i).getSegmentValue();
            }
            boolean zeroHead = Arrays.stream(words, 0, 5).allMatch(w -> w == 0);
            if (zeroHead && (words[5] == 0xffff || words[5] == 0 && words[6] != 0)) {
                return (words[5] == 0 ? "::" : "::ffff:") + v6.getEmbeddedIPv4Address().toCanonicalString();
            }
        }
        return ip.toCanonicalString();
    }

    /** str(netaddr.IPNetwork): the address as given (host bits kept) and the prefix length. */
    static String cidrText(IPAddress network) {
        Integer prefix = network.getNetworkPrefixLength();
        return ipText(network.getLower().withoutPrefixLength()) + "/"
                + (prefix == null ? network.getBitCount() : prefix);
    }

    static String validateIpAddress(Object data) {
        String invalid = fmt("'%s' is not a valid IP address", data);
        if (!(data instanceof String s) || WHITESPACE.matcher(s).find()
                || s.indexOf(':') < 0 && s.chars().filter(c -> c == '.').count() != 3) {
            return invalid;
        }
        if (parseAddress(s) != null) {
            return null;
        }
        // netaddr's ZEROFILL drops leading zeros; neutron then refuses the address but names the fix
        if (IPV4_DIGITS.matcher(s).matches()) {
            IPAddress filled = parseAddress(s.replaceAll("(?<![0-9])0+(?=[0-9])", ""));
            if (filled != null) {
                return fmt("'%s' is not an accepted IP address, '%s' is recommended", s, ipText(filled));
            }
        }
        return invalid;
    }

    /** A network written with a '/' (netaddr 1.x no longer implies one), or null. */
    private static IPAddress slashNetwork(Object data) {
        return data instanceof String s && s.indexOf('/') >= 0 && !WHITESPACE.matcher(s).find()
                ? parseNetwork(s) : null;
    }

    static String validateSubnet(Object data) {
        IPAddress net = slashNetwork(data);
        // an IPv4 network must also be written as netaddr prints it (no netmask, no padded prefix)
        return net == null || net.isIPv4() && !cidrText(net).equals(data)
                ? fmt("'%s' is not a valid IP subnet", data) : null;
    }

    private static String validateRouteCidr(Object data) {
        IPAddress net = slashNetwork(data);
        if (net == null || !net.getLower().isZeroHost()) {
            return fmt("'%s' is not a valid CIDR", data);
        }
        return net.toPrefixBlock().isLoopback() ? fmt("'%s' is not a routable CIDR", data) : null;
    }

    private static String validateIpOrSubnetOrNone(Object data, Object unused) {
        return data == null || validateIpAddress(data) == null || validateSubnet(data) == null ? null
                : fmt("'%s' is neither a valid IP address, nor is it a valid IP subnet", data);
    }

    /** A MAC in any EUI-48 form netaddr reads, as lower-case xx:xx:xx:xx:xx:xx; null if it is none. */
    static String macText(Object value) {
        if (!(value instanceof String s) || !MAC_FORM.matcher(s).matches()) {
            return null;
        }
        // pad each group to its share of the 12 digits, then let the library read the bare form
        String[] groups = s.split("[:.-]");
        int width = 12 / groups.length;
        StringBuilder bare = new StringBuilder();
        for (String g : groups) {
            bare.append("0".repeat(width - g.length())).append(g);
        }
        return new MACAddressString(bare.toString(), BARE_MAC).getAddress().toColonDelimitedString();
    }

    static String validateMacAddress(Object data) {
        String mac = macText(data);
        return mac == null || INVALID_MACS.contains(mac) ? fmt("'%s' is not a valid MAC address", data) : null;
    }

    // ---- lists and dicts ----

    private static String validateListOfItems(Object data, Function<Object, String> itemValidator) {
        if (!(data instanceof List<?> list)) {
            return fmt("'%s' is not a list", data);
        }
        List<Object> seen = new ArrayList<>();
        List<Object> dups = new ArrayList<>();
        for (Object item : list) {
            (contains(seen, item) ? dups : seen).add(item);
        }
        if (!dups.isEmpty()) {
            Collection<Object> unique = new ArrayList<>();
            dups.stream().filter(d -> !contains(unique, d)).forEach(unique::add);
            return fmt("Duplicate items in the list: '%s'",
                    unique.stream().map(Validators::str).collect(Collectors.joining(", ")));
        }
        for (Object item : list) {
            String msg = itemValidator.apply(item);
            if (msg != null) {
                return msg;
            }
        }
        return null;
    }

    private static String validateNonEmptyList(Object data, Function<Object, String> itemValidator) {
        String msg = validateListOfItems(data, itemValidator);
        return msg == null && ((List<?>) data).isEmpty() ? "List should not be empty" : msg;
    }

    private static String verifyDictKeys(List<String> expected, Object target, boolean strict) {
        if (!(target instanceof Map<?, ?> map)) {
            return fmt("Invalid input. '%s' must be a dictionary with keys: %s", target, expected);
        }
        Set<?> provided = map.keySet();
        boolean ok = strict ? provided.equals(new LinkedHashSet<>(expected)) : provided.containsAll(expected);
        return ok ? null : fmt("Validation of dictionary's keys failed. Expected keys: %s Provided keys: %s",
                setRepr(expected), setRepr(provided));
    }

    /** type:dict: a dict, optionally matching key specs {key: {"type:...": arg, "required": bool, "convert_to": c}}. */
    static String validateDict(Object data, Object keySpecs) {
        if (!(data instanceof Map<?, ?>)) {
            return fmt("'%s' is not a dictionary", data);
        }
        if (!truthy(keySpecs)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) data;
        Map<?, ?> specs = (Map<?, ?>) keySpecs;
        List<String> required = specs.entrySet().stream()
                .filter(e -> truthy(((Map<?, ?>) e.getValue()).get("required")))
                .map(e -> String.valueOf(e.getKey())).collect(Collectors.toList());
        String msg = required.isEmpty() ? null : verifyDictKeys(required, dict, false);
        if (msg != null) {
            return msg;
        }
        List<String> unexpected = dict.keySet().stream().filter(k -> !specs.containsKey(k))
                .map(String::valueOf).collect(Collectors.toList());
        if (!unexpected.isEmpty()) {
            return fmt("Unexpected keys supplied: %s", String.join(", ", unexpected));
        }
        for (Map.Entry<?, ?> e : specs.entrySet()) {
            msg = dict.containsKey(e.getKey()) ? validateDictItem(e.getKey(), (Map<?, ?>) e.getValue(), dict) : null;
            if (msg != null) {
                return msg;
            }
        }
        return null;
    }

    private static String validateDictItem(Object key, Map<?, ?> spec, Map<Object, Object> dict) {
        Object convertTo = spec.get("convert_to");
        if (truthy(convertTo)) {
            dict.put(key, converter(convertTo).convert(dict.get(key)));
        }
        for (Map.Entry<?, ?> e : spec.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.startsWith("type:")) {
                Validator v = get(name);
                return v == null ? fmt("Validator '%s' does not exist", name) : v.validate(dict.get(key), e.getValue());
            }
        }
        return null;
    }

    /** A key spec's convert_to: a Converter, its name, or the definitions' {"$callable": name}. */
    private static Converter converter(Object spec) {
        if (spec instanceof Converter c) {
            return c;
        }
        Object name = spec instanceof Map<?, ?> m ? m.get("$callable") : spec;
        Converter c = Converters.get(String.valueOf(name));
        if (c == null) {
            throw new IllegalArgumentException("unknown converter " + name);
        }
        return c;
    }

    /** Each dict of the list must match one key spec; neutron-lib raises InvalidInput otherwise. */
    private static String validateAnyKeySpecsOrNone(Object data, Object keySpecs) {
        if (data == null) {
            return null;
        }
        String msg = validateListOfItems(data, item -> {
            for (Object spec : (Collection<?>) keySpecs) {
                if (validateDict(item, spec) == null) {
                    return null;
                }
            }
            return fmt("No valid key specs matched for: %s", item);
        });
        if (msg != null) {
            throw NeutronException.invalidInput(msg);
        }
        return null;
    }

    private static String validateNameservers(Object data) {
        List<?> hosts = iterate(data);
        if (hosts == null) {
            return fmt("Invalid data format for nameserver: '%s'", data);
        }
        List<Object> seen = new ArrayList<>();
        for (Object host : hosts) {
            String msg = validateIpAddress(host);
            if (msg != null) {
                return fmt("'%s' is not a valid nameserver. %s", host, msg);
            }
            if (contains(seen, host)) {
                return fmt("Duplicate nameserver '%s'", host);
            }
            seen.add(host);
        }
        return null;
    }

    private static String validateHostroutes(Object data) {
        return validateDictList(data, "hostroute", List.of("destination", "nexthop"),
                List.of(Validators::validateRouteCidr, Validators::validateIpAddress), true);
    }

    private static String validateIpPools(Object data) {
        return validateDictList(data, "IP pool", List.of("start", "end"),
                List.of(Validators::validateIpAddress, Validators::validateIpAddress), false);
    }

    /** A list of dicts with exactly {@code keys}, the value of each key passing its check. */
    private static String validateDictList(Object data, String kind, List<String> keys,
            List<Function<Object, String>> checks, boolean unique) {
        if (!(data instanceof List<?> items)) {
            return fmt("Invalid data format for %s: '%s'", kind, data);
        }
        List<Object> seen = new ArrayList<>();
        for (Object item : items) {
            String msg = verifyDictKeys(keys, item, true);
            for (int i = 0; msg == null && i < keys.size(); i++) {
                msg = checks.get(i).apply(((Map<?, ?>) item).get(keys.get(i)));
            }
            if (msg == null && unique && contains(seen, item)) {
                msg = fmt("Duplicate %s '%s'", kind, item);
            }
            if (msg != null) {
                return msg;
            }
            seen.add(item);
        }
        return null;
    }

    private static String validateFixedIps(Object data) {
        if (!(data instanceof List<?> fixedIps)) {
            return fmt("Invalid data format for fixed IP: '%s'", data);
        }
        List<Object> ips = new ArrayList<>();
        for (Object fixedIp : fixedIps) {
            if (!(fixedIp instanceof Map<?, ?> f)) {
                return fmt("Invalid data format for fixed IP: '%s'", fixedIp);
            }
            String msg = null;
            if (f.containsKey("ip_address")) {
                Object ip = f.get("ip_address");
                msg = contains(ips, ip) ? fmt("Duplicate IP address '%s'", ip) : validateIpAddress(ip);
                ips.add(ip);
            }
            if (msg == null && f.containsKey("subnet_id")) {
                msg = validateUuid(f.get("subnet_id"));
            }
            if (msg != null) {
                return msg;
            }
        }
        return null;
    }

    private static String validateAllowedAddressPairs(Object data) {
        if (!(data instanceof List<?> pairs)) {
            throw NeutronException.badRequest("Allowed address pairs must be a list.");
        }
        if (pairs.size() > MAX_ALLOWED_ADDRESS_PAIRS) {
            throw new NeutronException(400, "AllowedAddressPairExhausted",
                    fmt("The number of allowed address pair exceeds the maximum %s.", MAX_ALLOWED_ADDRESS_PAIRS));
        }
        List<Object> seen = new ArrayList<>();
        for (Object p : pairs) {
            String msg = validateDict(p, null);
            if (msg != null) {
                return msg;
            }
            Map<?, ?> pair = (Map<?, ?>) p;
            msg = pair.containsKey("mac_address") ? validateMacAddress(pair.get("mac_address")) : null;
            if (msg != null) {
                throw NeutronException.badRequest(msg);
            }
            if (!pair.containsKey("ip_address")) {
                throw new NeutronException(400, "AllowedAddressPairsMissingIP",
                        "AllowedAddressPair must contain ip_address");
            }
            Object mac = pair.get("mac_address");
            Object ip = pair.get("ip_address");
            if (contains(seen, Arrays.asList(mac, ip))) {
                throw new NeutronException(400, "DuplicateAddressPairInRequest", fmt(
                        "Request contains duplicate address pair: mac_address %s ip_address %s.", mac, ip));
            }
            seen.add(Arrays.asList(mac, ip));
            rejectUnknownKeys(pair, List.of("mac_address", "ip_address"));
            msg = ip instanceof String s && s.contains("/") ? validateSubnet(ip) : validateIpAddress(ip);
            if (msg != null) {
                throw NeutronException.badRequest(msg);
            }
        }
        return null;
    }

    private static void rejectUnknownKeys(Map<?, ?> map, List<String> known) {
        Set<Object> unknown = new LinkedHashSet<>(map.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw NeutronException.badRequest(fmt("Unrecognized attribute(s) '%s'",
                    unknown.stream().map(Validators::str).collect(Collectors.joining(", "))));
        }
    }

    /**
     * multi-provider's segments: segmentation_id becomes an int. neutron marks missing values
     * ATTR_NOT_SPECIFIED; here they stay absent, and a falsy segmentation_id is removed.
     */
    private static String convertAndValidateSegments(Object data) {
        if (!(data instanceof List<?> segments)) {
            return fmt("'%s' is not a list", data);
        }
        for (Object s : segments) {
            if (!(s instanceof Map<?, ?>)) {
                return fmt("'%s' is not a dictionary", s);
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> segment = (Map<Object, Object>) s;
            String idKey = SEGMENT_KEYS.get(2);
            if (truthy(segment.get(idKey))) {
                segment.put(idKey, Converters.toInt(segment.get(idKey)));
            } else {
                segment.remove(idKey);
            }
            rejectUnknownKeys(segment, SEGMENT_KEYS);
        }
        return null;
    }

    private static String validateAvailabilityZoneHints(Object data) {
        String msg = validateListOfItems(data, item -> validateString(item, null));
        if (msg != null) {
            return msg;
        }
        // the hints are stored as a JSON string (json.dumps) in a 255-character column
        int length = 2 + 2 * Math.max(0, ((List<?>) data).size() - 1);
        for (Object hint : (List<?>) data) {
            length += 2 + ((String) hint).chars().map(c -> c == '"' || c == '\\' || "\b\f\n\r\t".indexOf(c) >= 0 ? 2
                    : c < 0x20 || c > 0x7f ? 6 : 1).sum();
        }
        if (length > AZ_HINTS_DB_LEN) {
            throw NeutronException.invalidInput("Too many availability_zone_hints specified");
        }
        return null;
    }

    private static String validateSubnetServiceTypes(Object data) {
        if (!truthy(data)) {
            return null;
        }
        if (!(data instanceof List<?> types)) {
            throw NeutronException.badRequest("Subnet service types must be a list.");
        }
        for (Object type : types) {
            if (!(type instanceof String s)) {
                throw new NeutronException(400, "InvalidInputSubnetServiceType",
                        fmt("Subnet service type %s is not a string.", type));
            }
            if (SERVICE_TYPE_PREFIXES.stream().noneMatch(s::startsWith)) {
                throw new NeutronException(400, "InvalidSubnetServiceType",
                        fmt("Subnet service type %s does not correspond to a valid device owner.", s));
            }
        }
        return null;
    }

    // ---- Python semantics of JSON values ----

    /** Python's %s of a value: None, True/False, and reprs inside lists and dicts. */
    static String str(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            return Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf")
                    : d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
        }
        if (o instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (o instanceof Collection<?> c) {
            return c.stream().map(Validators::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return o.toString();
    }

    /** Python's repr: strings quoted, everything else as {@link #str}. */
    /** Python's repr of a JSON value, as Neutron's messages render values. */
    public static String repr(Object o) {
        if (!(o instanceof String s)) {
            return str(o);
        }
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == quote) {
                b.append('\\').append(c);
            } else if (c == '\n' || c == '\r' || c == '\t') {
                b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(quote).toString();
    }

    private static String setRepr(Collection<?> items) {
        return items.isEmpty() ? "set()"
                : items.stream().map(Validators::repr).collect(Collectors.joining(", ", "{", "}"));
    }

    /** The template (with %s only) filled with Python renderings of the arguments. */
    static String fmt(String template, Object... args) {
        return String.format(template, Arrays.stream(args).map(Validators::str).toArray());
    }

    static boolean truthy(Object o) {
        if (o == null || o instanceof Boolean b && !b) {
            return false;
        }
        if (o instanceof Number n) {
            return n instanceof BigInteger bi ? bi.signum() != 0 : n.doubleValue() != 0;
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        if (o instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return !(o instanceof Map<?, ?> m) || !m.isEmpty();
    }

    /** Python's ==: numbers (and bools) by value, lists and dicts element-wise. */
    static boolean pyEquals(Object a, Object b) {
        boolean aNum = a instanceof Number || a instanceof Boolean;
        if (aNum && (b instanceof Number || b instanceof Boolean)) {
            if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
                return number(a).doubleValue() == number(b).doubleValue();
            }
            return pyInt(a).equals(pyInt(b));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!pyEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet())
                    && x.entrySet().stream().allMatch(e -> pyEquals(e.getValue(), y.get(e.getKey())));
        }
        return Objects.equals(a, b);
    }

    private static Number number(Object o) {
        return o instanceof Boolean b ? (b ? 1 : 0) : (Number) o;
    }

    /** Python's {@code x in values}. */
    static boolean contains(Collection<?> values, Object x) {
        return values.stream().anyMatch(v -> pyEquals(x, v));
    }

    /** Python's iteration of a value: list items, string characters, dict keys; null if not iterable. */
    static List<?> iterate(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        if (o instanceof String s) {
            return s.codePoints().mapToObj(Character::toString).collect(Collectors.toList());
        }
        return o instanceof Map<?, ?> m ? new ArrayList<>(m.keySet()) : null;
    }

    /** Python's int(): ints, bools, truncated floats and integer strings; else NumberFormatException. */
    static BigInteger pyInt(Object o) {
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (o instanceof BigInteger bi) {
            return bi;
        }
        if (o instanceof BigDecimal bd) {
            return bd.toBigInteger();
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isFinite(d)) {
                return new BigDecimal(d).toBigInteger();
            }
        } else if (o instanceof Number n) {
            return BigInteger.valueOf(n.longValue());
        } else if (o instanceof String s && INT_LITERAL.matcher(s.strip()).matches()) {
            return new BigInteger(s.strip().replace("_", ""));
        }
        throw new NumberFormatException(str(o));
    }

    static BigInteger intOrNull(Object o) {
        try {
            return pyInt(o);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** oslo's bool_from_string(strict=True): the boolean, or null when the value is not one. */
    static Boolean boolFromString(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        String s = str(o).strip().toLowerCase(Locale.ROOT);
        return TRUE_STRINGS.contains(s) ? Boolean.TRUE : FALSE_STRINGS.contains(s) ? Boolean.FALSE : null;
    }
}
