package org.nucleon.router;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block as a range of numbers, for Neutron's overlap and nexthop checks (netaddr's IPSet). */
record Cidr(int bits, BigInteger first, BigInteger last) {
    static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] raw = bytes(slash < 0 ? cidr : cidr.substring(0, slash));
        int bits = raw.length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        BigInteger value = new BigInteger(1, raw);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        return new Cidr(bits, first, first.or(hostMask));
    }

    boolean overlaps(Cidr other) {
        return bits == other.bits && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    boolean contains(String address) {
        return overlaps(parse(address));
    }

    private static byte[] bytes(String literal) {
        try {
            // literals only (validated by the API layer): no name lookup happens
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
