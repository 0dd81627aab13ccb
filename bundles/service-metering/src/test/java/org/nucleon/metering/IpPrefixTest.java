package org.nucleon.metering;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;

/** Prefixes as the reference Neutron (Zed) stored and refused them. */
public class IpPrefixTest {
    private static String stored(String sent) {
        return IpPrefix.parse("remote_ip_prefix", sent).text();
    }

    private static NeutronException refused(Object sent) {
        try {
            IpPrefix.parse("source_ip_prefix", sent);
        } catch (NeutronException e) {
            return e;
        }
        throw new AssertionError(sent + " was accepted");
    }

    @Test
    public void ipv4KeepsHostBitsAndTakesMasks() {
        assertEquals("10.1.0.5/24", stored("10.1.0.5/24"));
        assertEquals("10.2.0.5/32", stored("10.2.0.5"));
        assertEquals("10.7.0.5/16", stored("10.7.0.5/255.255.0.0"));
        assertEquals("10.8.0.0/16", stored("10.8.0.0/0.0.255.255"));
        assertEquals("0.0.0.0/0", stored("0.0.0.0/0.0.0.0"));
        assertEquals("10.11.0.0/8", stored("10.11.0.0/08"));
        assertEquals("10.16.0.0/0", stored("10.16.0.0/0"));
        assertEquals("255.255.255.255/32", stored("255.255.255.255/255.255.255.255"));
    }

    @Test
    public void ipv6PrintsAsInetNtop() {
        assertEquals("2001:db8::1/64", stored("2001:0db8:0::1/64"));
        assertEquals("2001:db8:1::1/128", stored("2001:db8:1::1"));
        assertEquals("2001:db8:0:1:1:1:1:1/64", stored("2001:db8:0:1:1:1:1:1/64"));
        assertEquals("1:0:0:2::3/64", stored("1:0:0:2:0:0:0:3/64"));
        assertEquals("::ffff:1.2.3.4/120", stored("::ffff:1.2.3.4/120"));
        assertEquals("::1.2.3.4/128", stored("::1.2.3.4"));
        assertEquals("2001:db8:ab::/48", stored("2001:DB8:AB::/48"));
        assertEquals("::/0", stored("::/0"));
        assertEquals("::1/128", stored("::1"));
        assertEquals("1::/16", stored("1::/16"));
    }

    @Test
    public void refusesWhatPythonsIpInterfaceRefuses() {
        for (String bad : List.of("10.2.0.0/33", "foo", "010.9.0.0/24", "10.12.0.0/255.0.255.0", "10.13.0.0/",
                "10.14.0.0/24/1", " 10.15.0.0/24", "1.2.3", "::/129", "::/ffff::", "1.2.3.4/-1", "1.2.3.4-1.2.3.5",
                "*.1.2.3", "", "::ffff:1.2.3.04", "00001::/16", "1:2:3:4:5:6:7:8:9", "1.2.3.4/32 ")) {
            NeutronException e = refused(bad);
            assertEquals(bad, 400, e.status());
            assertEquals(bad, "Invalid", e.type());
        }
        assertEquals("source_ip_prefix: 10.2.0.0/33 is invalid ['10.2.0.0/33' does not appear to be an IPv4 or IPv6 "
                + "interface].", refused("10.2.0.0/33").getMessage());
    }

    @Test
    public void nonStringsAreNamedInPythonsWords() {
        assertEquals("source_ip_prefix: ['10.0.0.0/8'] is invalid [['10.0.0.0/8'] does not appear to be an IPv4 or "
                + "IPv6 interface].", refused(List.of("10.0.0.0/8")).getMessage());
        assertEquals("Invalid", refused(true).type());
    }

    @Test
    public void anIpv6ZoneIsNetaddrsAddrFormatError() {
        NeutronException e = refused("fe80::1%eth0/64");
        assertEquals(400, e.status());
        assertEquals("AddrFormatError", e.type());
        assertEquals("invalid IPNetwork fe80::1%eth0/64", e.getMessage());
        assertEquals("Invalid", refused("10.0.0.1%eth0/24").type());
    }

    @Test
    public void overlapIsByNetworkWithinOneFamily() {
        assertTrue(IpPrefix.parse("r", "10.1.0.5/24").overlaps(IpPrefix.parse("r", "10.1.0.128/25")));
        assertTrue(IpPrefix.parse("r", "10.1.0.128/25").overlaps(IpPrefix.parse("r", "10.1.0.5/24")));
        assertTrue(IpPrefix.parse("r", "0.0.0.0/0").overlaps(IpPrefix.parse("r", "192.168.1.1")));
        assertTrue(IpPrefix.parse("r", "::/0").overlaps(IpPrefix.parse("r", "2001:db8::/64")));
        assertFalse(IpPrefix.parse("r", "10.1.0.0/24").overlaps(IpPrefix.parse("r", "10.1.1.0/24")));
        assertFalse(IpPrefix.parse("r", "0.0.0.0/0").overlaps(IpPrefix.parse("r", "::/0")));
        assertFalse(IpPrefix.parse("r", "10.2.0.5").overlaps(IpPrefix.parse("r", "10.2.0.6")));
    }

    @Test
    public void pythonReprQuotesAsPythonDoes() {
        assertEquals("'a'", IpPrefix.pythonRepr("a"));
        assertEquals("\"it's\"", IpPrefix.pythonRepr("it's"));
        assertEquals("None", IpPrefix.pythonRepr(null));
        assertEquals("{'a': False}", IpPrefix.pythonRepr(java.util.Map.of("a", false)));
        try {
            IpPrefix.parse("r", 5);
            fail("a number is no prefix");
        } catch (NeutronException e) {
            assertEquals("r: 5 is invalid [5 does not appear to be an IPv4 or IPv6 interface].", e.getMessage());
        }
    }
}
