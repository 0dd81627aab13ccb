package org.nucleon.api.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.nucleon.api.validation.ValidatorsTest.dict;
import static org.nucleon.api.validation.ValidatorsTest.list;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.nucleon.api.error.NeutronException;

public class ConvertersTest {
    /** _meta.converters_used of neutron-api-definitions.json. */
    private static final List<String> CONVERTERS_USED = List.of("convert_allocation_pools_to_canonical_format",
            "convert_cidr_to_canonical_format", "convert_ethertype_to_case_insensitive", "convert_ip_prefix_to_cidr",
            "convert_ip_to_canonical_format", "convert_kvp_list_to_dict", "convert_none_to_empty_list",
            "convert_protocol", "convert_to_boolean", "convert_to_boolean_if_not_none", "convert_to_int",
            "convert_to_sanitized_mac_address", "convert_valid_object_type", "convert_validate_port_value");

    private static final List<String> COMMON = List.of("convert_to_int_if_not_none", "convert_none_to_empty_dict",
            "convert_to_list", "convert_to_mac_if_none", "convert_to_protocol", "convert_string_to_case_insensitive");

    private static Object c(String name, Object value) {
        Converter converter = Converters.get(name);
        assertNotNull(name, converter);
        return converter.convert(value);
    }

    private static void assertFails(String name, Object value, String type, String message) {
        NeutronException e = assertThrows(NeutronException.class, () -> c(name, value));
        assertEquals(400, e.status());
        assertEquals(type, e.type());
        assertEquals(message, e.getMessage());
    }

    private static void assertInvalidInput(String name, Object value, String reason) {
        assertFails(name, value, "InvalidInput", "Invalid input for operation: " + reason + ".");
    }

    @Test
    public void everyUsedConverterIsRegistered() {
        for (String name : CONVERTERS_USED) {
            assertNotNull(name, Converters.get(name));
        }
        for (String name : COMMON) {
            assertNotNull(name, Converters.get(name));
        }
        assertTrue(Converters.names().containsAll(CONVERTERS_USED));
        assertNull(Converters.get("convert_nope"));
    }

    @Test
    public void booleans() {
        for (Object yes : List.of(true, "true", "True", "TRUE", "1", "yes", "on", " t ", 1)) {
            assertEquals(String.valueOf(yes), true, c("convert_to_boolean", yes));
        }
        for (Object no : List.of(false, "false", "False", "0", "no", "off", "f", 0)) {
            assertEquals(String.valueOf(no), false, c("convert_to_boolean", no));
        }
        assertInvalidInput("convert_to_boolean", "maybe", "'maybe' cannot be converted to boolean");
        assertInvalidInput("convert_to_boolean", 2, "'2' cannot be converted to boolean");
        assertInvalidInput("convert_to_boolean", 1.0, "'1.0' cannot be converted to boolean");
        assertInvalidInput("convert_to_boolean", null, "'None' cannot be converted to boolean");
        assertNull(c("convert_to_boolean_if_not_none", null));
        assertEquals(false, c("convert_to_boolean_if_not_none", "false"));
        assertInvalidInput("convert_to_boolean_if_not_none", "x", "'x' cannot be converted to boolean");
    }

    @Test
    public void integers() {
        assertEquals(4, c("convert_to_int", "4"));
        assertEquals(6, c("convert_to_int", 6));
        assertEquals(7, c("convert_to_int", " 7 "));
        assertEquals(-3, c("convert_to_int", "-3"));
        assertEquals(4, c("convert_to_int", 4.7));
        assertEquals(1, c("convert_to_int", true));
        assertEquals(9999999999L, c("convert_to_int", "9999999999"));
        assertInvalidInput("convert_to_int", "abc", "'abc' is not an integer");
        assertInvalidInput("convert_to_int", "1.5", "'1.5' is not an integer");
        assertInvalidInput("convert_to_int", null, "'None' is not an integer");
        assertInvalidInput("convert_to_int", list(), "'[]' is not an integer");
        assertNull(c("convert_to_int_if_not_none", null));
        assertEquals(5, c("convert_to_int_if_not_none", "5"));
    }

    @Test
    public void kvpListToDict() {
        assertEquals(dict("ip_address", List.of("10.0.0.1", "10.0.0.2"), "subnet_id", List.of("abc")),
                c("convert_kvp_list_to_dict",
                        list("ip_address=10.0.0.1", "subnet_id = abc", "ip_address=10.0.0.2", "ip_address=10.0.0.1")));
        assertEquals(dict("k", List.of("")), c("convert_kvp_list_to_dict", list("k=")));
        assertEquals(dict("k", List.of("a=b")), c("convert_kvp_list_to_dict", list("k=a=b")));
        assertEquals(dict(), c("convert_kvp_list_to_dict", list("True")));
        assertInvalidInput("convert_kvp_list_to_dict", list("novalue"), "'novalue' is not of the form <key>=[value]");
        assertInvalidInput("convert_kvp_list_to_dict", list("=x"), "'=x' is not of the form <key>=[value]");
    }

    @Test
    public void emptyDefaultsAndLists() {
        assertEquals(list(), c("convert_none_to_empty_list", null));
        List<Object> given = list("a");
        assertSame(given, c("convert_none_to_empty_list", given));
        assertEquals(dict(), c("convert_none_to_empty_dict", null));
        Map<String, Object> map = dict("a", 1);
        assertSame(map, c("convert_none_to_empty_dict", map));
        assertEquals(list(), c("convert_to_list", null));
        assertEquals(list("a", "b"), c("convert_to_list", list("a", "b")));
        assertEquals(list("abc"), c("convert_to_list", "abc"));
        assertEquals(list("k"), c("convert_to_list", dict("k", 1)));
        assertEquals(list(5), c("convert_to_list", 5));
    }

    @Test
    public void allocationPools() {
        List<Object> pools = list(dict("start", "FD00::0001", "end", "fd00:0:0:0::00ff"),
                dict("start", "10.0.0.2", "end", "10.0.0.254"), dict("end", "fd00::1"), "junk");
        assertEquals(list(dict("start", "fd00::1", "end", "fd00::ff"), dict("start", "10.0.0.2", "end", "10.0.0.254"),
                dict("end", "fd00::1"), "junk"), c("convert_allocation_pools_to_canonical_format", pools));
        assertEquals("FD00::0001", ((Map<?, ?>) pools.get(0)).get("start"));
        assertEquals("x", c("convert_allocation_pools_to_canonical_format", "x"));
        assertNull(c("convert_allocation_pools_to_canonical_format", null));
    }

    @Test
    public void ipAddresses() {
        String name = "convert_ip_to_canonical_format";
        assertEquals("fe80::1", c(name, "FE80:0:0:0:0:0:0:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", c(name, "2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", c(name, "2001:0:0:1:0:0:0:1"));
        assertEquals("1::2:0:0:3:4", c(name, "1:0:0:2:0:0:3:4"));
        assertEquals("::ffff:10.0.0.1", c(name, "::FFFF:a00:1"));
        assertEquals("::ffff:0.0.0.0", c(name, "::ffff:0:0"));
        assertEquals("::1.2.3.4", c(name, "::102:304"));
        assertEquals("::1", c(name, "0:0:0:0:0:0:0:1"));
        assertEquals("10.0.0.01", c(name, "10.0.0.01"));
        assertEquals("bogus", c(name, "bogus"));
        assertNull(c(name, null));
        assertEquals(5, c(name, 5));
    }

    @Test
    public void cidrs() {
        String name = "convert_cidr_to_canonical_format";
        assertEquals("10.0.0.0/24", c(name, "10.0.0.0/24"));
        assertEquals("10.0.0.1/24", c(name, "10.0.0.1/24"));
        assertEquals("10.0.0.5/32", c(name, "10.0.0.5"));
        assertEquals("fd00::/64", c(name, "FD00:0:0:0::/64"));
        assertEquals("2001:0:0:1::/64", c(name, "2001:0:0:1:0:0:0:0/64"));
        assertEquals("::ffff:10.0.0.1/128", c(name, "::ffff:10.0.0.1/128"));
        assertEquals("10.0.0.0/24", c(name, "10.0.0.0/255.255.255.0"));
        assertNull(c(name, null));
        assertInvalidInput(name, "10.0.300.0/24", "10.0.300.0/24 is not in a CIDR format");
        assertInvalidInput(name, "10.0.0.0/33", "10.0.0.0/33 is not in a CIDR format");
        assertInvalidInput(name, 5, "5 is not in a CIDR format");
    }

    @Test
    public void ipPrefixes() {
        String name = "convert_ip_prefix_to_cidr";
        assertEquals("0.0.0.0/0", c(name, "0.0.0.0/0"));
        assertEquals("10.0.0.1/32", c(name, "10.0.0.1"));
        assertEquals("10.0.0.1/24", c(name, "10.0.0.1/24"));
        assertEquals("2001:db8::/32", c(name, "2001:DB8::/32"));
        assertNull(c(name, ""));
        assertNull(c(name, null));
        assertFails(name, "10.0.0.300/24", "InvalidCIDR", "Invalid CIDR 10.0.0.300/24 given as IP prefix.");
    }

    @Test
    public void macAddresses() {
        String name = "convert_to_sanitized_mac_address";
        for (String mac : List.of("FA-16-3E-00-00-01", "fa163e000001", "fa16.3e00.0001", "FA:16:3E:00:00:01",
                "fa163e:000001", "fa:16:3e:0:0:1")) {
            assertEquals(mac, "fa:16:3e:00:00:01", c(name, mac));
        }
        assertEquals("bogus", c(name, "bogus"));
        assertNull(c(name, null));
        assertEquals(5, c(name, 5));
        assertNull(c("convert_to_mac_if_none", null));
        assertEquals("fa:16:3e:00:00:01", c("convert_to_mac_if_none", "fa:16:3e:00:00:01"));
    }

    @Test
    public void ethertypes() {
        String name = "convert_ethertype_to_case_insensitive";
        assertEquals("IPv4", c(name, "ipv4"));
        assertEquals("IPv6", c(name, "IPV6"));
        assertFails(name, "IPv5", "SecurityGroupRuleInvalidEtherType",
                "Security group rule for ethertype 'IPv5' not supported. Allowed values are ['IPv4', 'IPv6'].");
        assertEquals("abc", c("convert_string_to_case_insensitive", "ABC"));
        assertInvalidInput("convert_string_to_case_insensitive", 4, "Input value 4 must be string type");
    }

    @Test
    public void securityGroupProtocols() {
        String name = "convert_protocol";
        assertEquals("tcp", c(name, "TCP"));
        assertEquals("icmpv6", c(name, "icmpv6"));
        assertEquals("6", c(name, 6));
        assertEquals("17", c(name, "17"));
        assertEquals("0", c(name, 0));
        assertNull(c(name, null));
        assertNull(c(name, "any"));
        String supported = "[None, 'ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', "
                + "'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', "
                + "'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp']";
        for (Object bad : Arrays.asList("bogus", 256, "-1", list("tcp"))) {
            assertFails(name, bad, "SecurityGroupRuleInvalidProtocol", "Security group rule protocol "
                    + Validators.str(bad) + " not supported. Only protocol values " + supported
                    + " and integer representations [0 to 255] are supported.");
        }
    }

    @Test
    public void iptablesProtocols() {
        String name = "convert_to_protocol";
        assertEquals("tcp", c(name, "tcp"));
        assertEquals("TCP", c(name, "TCP"));
        assertEquals("6", c(name, "6"));
        assertNull(c(name, null));
        assertInvalidInput(name, "300", "IP protocol '300' is not supported. Only protocol names and their "
                + "integer representation (0 to 255) are supported");
        assertInvalidInput(name, "gre", "IP protocol 'gre' is not supported. Only protocol names and their "
                + "integer representation (0 to 255) are supported");
        assertInvalidInput(name, 6, "Input value 6 must be string type");
    }

    @Test
    public void portValues() {
        String name = "convert_validate_port_value";
        assertEquals(80, c(name, "80"));
        assertEquals(80, c(name, 80));
        assertEquals(0, c(name, 0));
        assertEquals(65535, c(name, 65535));
        assertNull(c(name, null));
        for (Object bad : List.of(65536, -1, "abc", "")) {
            assertFails(name, bad, "SecurityGroupInvalidPortValue", "Invalid value for port " + bad);
        }
    }

    @Test
    public void passThrough() {
        assertEquals("network", c("convert_valid_object_type", "network"));
        assertEquals("anything", c("convert_valid_object_type", "anything"));
    }

    @Test
    public void integersBeyondSixtyFourBitsAndFractionalProtocolsAreRefused() {
        try {
            Converters.get("convert_to_int").convert(new java.math.BigInteger("99999999999999999999"));
            org.junit.Assert.fail("too big for any integer column");
        } catch (org.nucleon.api.error.NeutronException e) {
            org.junit.Assert.assertEquals("InvalidInput", e.type());
        }
        org.junit.Assert.assertEquals(5_000_000_000L, Converters.get("convert_to_int").convert(5_000_000_000L));
        org.junit.Assert.assertEquals("6", Converters.get("convert_protocol").convert(6));
        try {
            Converters.get("convert_protocol").convert(1.5);
            org.junit.Assert.fail("a fraction is no protocol number");
        } catch (org.nucleon.api.error.NeutronException e) {
            org.junit.Assert.assertEquals("SecurityGroupRuleInvalidProtocol", e.type());
        }
    }
}
