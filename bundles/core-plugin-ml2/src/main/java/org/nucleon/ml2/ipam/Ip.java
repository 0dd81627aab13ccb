package org.nucleon.ml2.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Address and CIDR helpers on the IPAddress library, with Neutron's (netaddr's) text forms.
 * Inputs reaching here were validated by the REST layer, so a parse failure is a bug.
 */
public final class Ip {
    public static final Comparator<IPAddressSeqRange> BY_START = Comparator.comparing(IPAddressSeqRange::getValue);

    private Ip() {
    }

    /** An address without prefix length. */
    public static IPAddress address(String text) {
        IPAddress a = new IPAddressString(text).getAddress();
        if (a == null) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        return a.withoutPrefixLength();
    }

    /** The prefix block a CIDR names; host bits are dropped ({@code 10.0.0.5/24} is 10.0.0.0/24). */
    public static IPAddress network(String cidr) {
        IPAddress a = new IPAddressString(cidr).getAddress();
        if (a == null || a.getNetworkPrefixLength() == null) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        return a.toPrefixBlock();
    }

    /** An address as netaddr prints it (IPv6 compressed, lower case). */
    public static String text(IPAddress a) {
        return a.withoutPrefixLength().toCanonicalString();
    }

    /** An IPv4 address given as a number, as {@link #text} prints it (dotted decimal), without the library's cost. */
    static String ipv4Text(long address) {
        return (address >>> 24 & 255) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "."
                + (address & 255);
    }

    /** A prefix block as {@code network/prefixlen}. */
    public static String cidrText(IPAddress block) {
        return text(block.getLower()) + "/" + block.getNetworkPrefixLength();
    }

    public static int prefixLength(IPAddress block) {
        return block.getNetworkPrefixLength();
    }

    public static int version(IPAddress a) {
        return a.isIPv4() ? 4 : 6;
    }

    public static IPAddressSeqRange range(String start, String end) {
        return address(start).toSequentialRange(address(end));
    }

    public static IPAddressSeqRange range(IPAddress block) {
        return block.toSequentialRange();
    }

    /** netaddr's IPRange text: {@code start-end}. */
    public static String rangeText(IPAddressSeqRange r) {
        return text(r.getLower()) + "-" + text(r.getUpper());
    }

    /** {@code whole} minus every range of {@code taken}, in address order. */
    public static List<IPAddressSeqRange> subtract(List<IPAddressSeqRange> whole, List<IPAddressSeqRange> taken) {
        List<IPAddressSeqRange> free = new ArrayList<>(whole);
        for (IPAddressSeqRange t : taken) {
            List<IPAddressSeqRange> next = new ArrayList<>();
            for (IPAddressSeqRange f : free) {
                if (f.getBitCount() != t.getBitCount()) {
                    next.add(f);
                    continue;
                }
                IPAddressSeqRange[] rest = f.subtract(t);
                if (rest != null) {
                    next.addAll(List.of(rest));
                }
            }
            free = next;
        }
        free.sort(BY_START);
        return free;
    }

    /**
     * Neutron's default allocation pools ({@code ipam/utils.py: generate_pools}): IPv4 without
     * network and broadcast, IPv6 without the subnet-router anycast address; /31, /32 and /128
     * whole; then without the gateway, which may split the range.
     */
    public static List<IPAddressSeqRange> defaultPools(IPAddress block, IPAddress gateway) {
        IPAddressSeqRange all = range(block);
        int hostBits = block.getBitCount() - prefixLength(block);
        IPAddressSeqRange usable;
        if (block.isIPv4() && hostBits <= 1 || hostBits == 0) {
            usable = all;
        } else {
            usable = all.getLower().increment(1).toSequentialRange(
                    block.isIPv4() ? all.getUpper().increment(-1) : all.getUpper());
        }
        List<IPAddressSeqRange> pools = new ArrayList<>(List.of(usable));
        return gateway == null ? pools : subtract(pools, List.of(gateway.toSequentialRange()));
    }
}
