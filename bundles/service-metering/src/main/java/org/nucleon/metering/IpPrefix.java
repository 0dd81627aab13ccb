package org.nucleon.metering;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.nucleon.api.error.NeutronException;

/**
 * An IP prefix of a metering label rule. Neutron's metering plugin accepts what Python's
 * {@code ipaddress.ip_interface} accepts (an address, with an optional prefix length or, for
 * IPv4, a netmask or hostmask) and stores {@code str(netaddr.IPNetwork(value))}: the address as
 * given, host bits kept, and the prefix length.
 *
 * @param value  the address as a number
 * @param bits   32 or 128
 * @param length the prefix length
 */
record IpPrefix(BigInteger value, int bits, int length) {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int IPV4_BITS = 32;
    /** Bare addresses in Python's strict forms: no prefix, masks, ranges, zones or leading zeros. */
    private static final IPAddressStringParameters BARE;

    static {
        IPAddressStringParameters.Builder b = new IPAddressStringParameters.Builder().allowPrefix(false)
                .allowMask(false).allowEmpty(false).allowAll(false).allowSingleSegment(false)
                .allowPrefixOnly(false).allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        b.getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowBinary(false);
        b.getIPv6AddressParametersBuilder().allowZone(false).allowBase85(false).allowBinary(false)
                .allowUnlimitedLeadingZeros(false).getEmbeddedIPv4AddressParametersBuilder()
                .allowLeadingZeros(false).allow_inet_aton(false);
        BARE = b.toParams();
    }

    /**
     * The prefix of a rule attribute, or Neutron's error: {@code Invalid} where Python refuses it,
     * {@code AddrFormatError} for an IPv6 zone, which Python takes and netaddr then refuses.
     */
    static IpPrefix parse(String attribute, Object input) {
        if (input instanceof String s) {
            IpPrefix p = read(s);
            if (p != null) {
                return p;
            }
            int zone = s.indexOf('%');
            IpPrefix unzoned = zone < 0 ? null : read(s.replaceFirst("%[^/]+", ""));
            if (unzoned != null && unzoned.bits > IPV4_BITS) {
                throw new NeutronException(400, "AddrFormatError", "invalid IPNetwork " + s);
            }
        }
        // Neutron answers this with status 500 (neutron_lib's Invalid has no HTTP mapping); it is the client's fault
        throw new NeutronException(400, "Invalid", String.format("%s: %s is invalid [%s does not appear to be an IPv4 "
                + "or IPv6 interface].", attribute, pythonStr(input), pythonRepr(input)));
    }

    private static IpPrefix read(String s) {
        String[] parts = s.split("/", -1);
        // the library trims blanks, Python does not
        IPAddress address = parts.length > 2 || WHITESPACE.matcher(s).find() ? null
                : new IPAddressString(parts[0], BARE).getAddress();
        if (address == null) {
            return null;
        }
        int bits = address.getBitCount();
        int length = parts.length == 1 ? bits : length(parts[1], bits);
        return length < 0 ? null : new IpPrefix(address.getValue(), bits, length);
    }

    /** Python's _make_netmask: decimal digits within range, else (IPv4) a netmask, else a hostmask; -1 if none. */
    private static int length(String text, int bits) {
        if (DIGITS.matcher(text).matches()) {
            String digits = text.replaceFirst("^0+(?=.)", "");
            return digits.length() <= 3 && Integer.parseInt(digits) <= bits ? Integer.parseInt(digits) : -1;
        }
        IPAddress mask = bits == IPV4_BITS ? new IPAddressString(text, BARE).getAddress() : null;
        if (mask == null || !mask.isIPv4()) {
            return -1;
        }
        long m = mask.getValue().longValue();
        int asNetmask = contiguous(m);
        return asNetmask >= 0 ? asNetmask : contiguous(~m & 0xffffffffL);
    }

    /** The prefix length of a netmask: ones, then only zeros; -1 otherwise. */
    private static int contiguous(long mask) {
        int zeros = mask == 0 ? IPV4_BITS : Long.numberOfTrailingZeros(mask);
        int ones = IPV4_BITS - zeros;
        return mask >>> zeros == (1L << ones) - 1 ? ones : -1;
    }

    /** As Neutron stores and shows it, e.g. {@code 10.0.0.5/24}, {@code 2001:db8::/64}, {@code ::ffff:1.2.3.4/128}. */
    String text() {
        return (bits == IPV4_BITS ? dotted(value.longValue()) : ipv6()) + "/" + length;
    }

    /** Whether both cover a common address: the same family and the same leading bits of the shorter prefix. */
    boolean overlaps(IpPrefix other) {
        int common = Math.min(length, other.length);
        return bits == other.bits && value.shiftRight(bits - common).equals(other.value.shiftRight(bits - common));
    }

    private static String dotted(long v) {
        return (v >>> 24 & 0xff) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
    }

    /**
     * glibc's inet_ntop, which netaddr uses: the longest run of two or more zero groups (the first
     * of equals) becomes {@code ::}, and IPv4-mapped or -compatible addresses end in a dotted quad.
     */
    private String ipv6() {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = value.shiftRight(112 - 16 * i).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart == 0 && (bestLength == 6 || bestLength == 5 && g[5] == 0xffff)) {
            return (bestLength == 6 ? "::" : "::ffff:") + dotted(value.longValue() & 0xffffffffL);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
            } else {
                out.append(out.length() == 0 || out.charAt(out.length() - 1) == ':' ? "" : ":")
                        .append(Integer.toHexString(g[i]));
            }
        }
        return out.toString();
    }

    /** Python's str() of a JSON value, as Neutron's messages print what the client sent. */
    static String pythonStr(Object v) {
        return v instanceof String s ? s : pythonRepr(v);
    }

    /** Python's repr() of a JSON value. */
    static String pythonRepr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' + s + '"' : "'" + s.replace("'", "\\'") + "'";
        }
        if (v instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            c.forEach(e -> j.add(pythonRepr(e)));
            return j.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            m.forEach((k, e) -> j.add(pythonRepr(k) + ": " + pythonRepr(e)));
            return j.toString();
        }
        return String.valueOf(v);
    }
}
