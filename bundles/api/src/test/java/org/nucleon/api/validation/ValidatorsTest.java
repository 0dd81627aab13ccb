package org.nucleon.api.validation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.nucleon.api.error.NeutronException;

public class ValidatorsTest {
    private static final String UUID = "00000000-ffff-ffff-ffff-000000000000";
    private static final String UUID2 = "00000000-ffff-ffff-ffff-000000000001";

    /** _meta.validators_used of neutron-api-definitions.json. */
    private static final List<String> VALIDATORS_USED = List.of("type:allowed_address_pairs",
            "type:availability_zone_hint_list", "type:dict_or_nodata", "type:dict_or_none", "type:fixed_ips",
            "type:hostroutes", "type:ip_address_or_none", "type:ip_pools", "type:list_of_any_key_specs_or_none",
            "type:list_of_subnet_service_types", "type:list_of_unique_strings", "type:mac_address",
            "type:name_not_default", "type:name_string", "type:nameservers", "type:network_segments",
            "type:non_negative", "type:not_empty_name_string", "type:range", "type:service_plugin_type",
            "type:string", "type:string_or_none", "type:subnet", "type:subnet_list", "type:subnet_or_none",
            "type:subnetpool_id_or_none", "type:uuid", "type:uuid_list", "type:uuid_or_none",
            "type:valid_target_project", "type:values");

    /** Validators those build on, and the ones nested key specs name. */
    private static final List<String> COMMON = List.of("type:not_empty_string", "type:boolean",
            "type:ip_address", "type:mac_address_or_none", "type:port_range", "type:dict", "type:dict_or_empty",
            "type:regex", "type:oneline_not_empty_string", "type:oneline_not_empty_string_or_none",
            "type:integer", "type:range_or_none", "type:regex_or_none", "type:list_of_regex_or_none",
            "type:ip_or_subnet_or_none", "type:uuid_list_non_empty", "type:subnetpool_id",
            "type:list_of_subnets_or_none", "type:not_empty_string_or_none", "type:name_string_or_none");

    private static String v(String name, Object value, Object argument) {
        Validator validator = Validators.get(name);
        assertNotNull(name, validator);
        return validator.validate(value, argument);
    }

    private static String v(String name, Object value) {
        return v(name, value, null);
    }

    private static NeutronException raised(String name, Object value, Object argument) {
        return assertThrows(NeutronException.class, () -> v(name, value, argument));
    }

    private static void assertRaised(String type, String message, NeutronException e) {
        assertEquals(type, e.type());
        assertEquals(message, e.getMessage());
    }

    /** A mutable dict from key, value pairs, as Jackson would read it. */
    static Map<String, Object> dict(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    @Test
    public void everyUsedValidatorIsRegistered() {
        for (String name : VALIDATORS_USED) {
            assertNotNull(name, Validators.get(name));
        }
        for (String name : COMMON) {
            assertNotNull(name, Validators.get(name));
        }
        assertTrue(Validators.names().containsAll(VALIDATORS_USED));
        assertNull(Validators.get("type:nope"));
    }

    @Test
    public void strings() {
        assertNull(v("type:string", "abc", 255));
        assertNull(v("type:string", "", 0));
        assertNull(v("type:string", "123456789", 9));
        assertEquals("'1234567890' exceeds maximum length of 9", v("type:string", "1234567890", 9));
        assertEquals("'None' is not a valid string", v("type:string", null));
        assertEquals("'5' is not a valid string", v("type:string", 5, 255));
        assertEquals("'True' is not a valid string", v("type:string", true, 255));
        assertNull(v("type:string_or_none", null, 255));
        assertEquals("'1' is not a valid string", v("type:string_or_none", 1, 255));
        assertNull(v("type:name_string", "net1", 255));
        assertEquals("'abc' exceeds maximum length of 2", v("type:name_string", "abc", 2));
        assertNull(v("type:name_string_or_none", null, 255));
        assertNull(v("type:not_empty_string", "x"));
        assertEquals("'    ' Blank strings are not permitted", v("type:not_empty_string", "    "));
        assertEquals("'123' is not a valid string", v("type:not_empty_string", 123));
        assertNull(v("type:not_empty_string_or_none", null));
        assertNull(v("type:not_empty_name_string", "pool"));
        assertEquals("'' Blank strings are not permitted", v("type:not_empty_name_string", ""));
        assertNull(v("type:oneline_not_empty_string", "abc\n", 64));
        assertNull(v("type:oneline_not_empty_string", "abc\r\n", 64));
        assertEquals("Multi-line string is not allowed: 'a\nb'", v("type:oneline_not_empty_string", "a\nb", 64));
        assertNull(v("type:oneline_not_empty_string_or_none", null, 64));
        assertNull(v("type:valid_target_project", "*"));
        assertEquals("'5' is not a valid string", v("type:valid_target_project", 5));
        assertEquals("'" + "p".repeat(256) + "' exceeds maximum length of 255",
                v("type:valid_target_project", "p".repeat(256)));
    }

    @Test
    public void nameNotDefault() {
        assertNull(v("type:name_not_default", "web", 255));
        assertEquals("'abc' exceeds maximum length of 2", v("type:name_not_default", "abc", 2));
        NeutronException e = raised("type:name_not_default", "Default", 255);
        assertEquals(409, e.status());
        assertRaised("SecurityGroupDefaultAlreadyExists", "Default security group already exists.", e);
    }

    @Test
    public void servicePluginType() {
        assertNull(v("type:service_plugin_type", "L3_ROUTER_NAT"));
        assertRaised("InvalidServiceType", "Invalid service type: .", raised("type:service_plugin_type", "", null));
        assertRaised("InvalidServiceType", "Invalid service type: None.",
                raised("type:service_plugin_type", null, null));
    }

    @Test
    public void booleansAndIntegers() {
        for (Object ok : List.of(true, 0, 1, "false", "Yes", "T", " on ")) {
            assertNull(String.valueOf(ok), v("type:boolean", ok));
        }
        assertEquals("'fasle' is not a valid boolean value", v("type:boolean", "fasle"));
        assertEquals("'2' is not a valid boolean value", v("type:boolean", 2));
        assertNull(v("type:integer", 1));
        assertNull(v("type:integer", "1"));
        assertNull(v("type:integer", 2.0));
        assertEquals("'0.1' is not an integer", v("type:integer", 0.1));
        assertEquals("'0.1' is not an integer", v("type:integer", "0.1"));
        assertEquals("'None' is not an integer", v("type:integer", null));
        assertEquals("'True' is not an integer:boolean", v("type:integer", true));
        assertNull(v("type:integer", 2, List.of(2, 3)));
        assertEquals("1 is not in valid_values", v("type:integer", 1, List.of(2, 3, 4, 5)));
    }

    @Test
    public void values() {
        assertNull(v("type:values", 4, List.of(4, 6)));
        assertNull(v("type:values", 4L, List.of(4, 6)));
        assertNull(v("type:values", 4, null));
        assertNull(v("type:values", "1", List.of("2", "1")));
        assertEquals("5 is not in valid_values", v("type:values", 5, List.of(4, 6)));
        assertEquals("4 is not in valid_values", v("type:values", "4", List.of(4, 6)));
        assertEquals("IPv5 is not in valid_values", v("type:values", "IPv5", List.of("IPv4", "IPv6")));
        assertEquals("None is not in valid_values", v("type:values", null, List.of("ingress", "egress")));
    }

    @Test
    public void ranges() {
        List<Integer> oneToNine = List.of(1, 9);
        assertNull(v("type:range", 1, oneToNine));
        assertNull(v("type:range", 9, oneToNine));
        assertNull(v("type:range", "5", List.of(0, 2147483647)));
        assertEquals("'0' is too small - must be at least '1'", v("type:range", 0, oneToNine));
        assertEquals("'10' is too large - must be no larger than '9'", v("type:range", 10, oneToNine));
        assertEquals("'bogus' is not an integer", v("type:range", "bogus", oneToNine));
        assertNull(v("type:range", 10, Arrays.asList(null, null)));
        assertEquals("'-1' is too small - must be at least '0'", v("type:range", -1, Arrays.asList(0, null)));
        assertNull(v("type:range_or_none", null, oneToNine));
        assertNull(v("type:non_negative", 0));
        assertNull(v("type:non_negative", "2"));
        assertNull(v("type:non_negative", true));
        assertEquals("'abc' is not an integer", v("type:non_negative", "abc"));
        assertEquals("'-1' should be non-negative", v("type:non_negative", -1));
        assertEquals("'-2' should be non-negative", v("type:non_negative", "-2"));
    }

    @Test
    public void portRanges() {
        assertNull(v("type:port_range", null));
        assertNull(v("type:port_range", 80));
        assertNull(v("type:port_range", "80:90"));
        assertEquals("First port in a port range must be lower than the second port", v("type:port_range", "90:80"));
        assertEquals("Port range must be two integers separated by a colon", v("type:port_range", "1:2:3"));
        assertEquals("Port range must be two integers separated by a colon", v("type:port_range", ":80"));
        assertEquals("Invalid port: abc", v("type:port_range", "abc"));
        assertEquals("Invalid port: 70000", v("type:port_range", "70000"));
        assertEquals("Invalid port: 100, the port must be in the range [200, 300]",
                v("type:port_range", "100", List.of(200, 300)));
    }

    @Test
    public void uuids() {
        assertNull(v("type:uuid", UUID));
        assertNull(v("type:uuid", UUID.toUpperCase()));
        assertNull(v("type:uuid", "{12345678123456781234567812345678}"));
        assertNull(v("type:uuid", "urn:uuid:" + UUID));
        for (Object bad : Arrays.asList(null, 123, "123", "not-a-uuid", "t5069610-744b-42a7-8bd8-ceac1a229cd4",
                "e5069610-744bb-42a7-8bd8-ceac1a229cd4")) {
            assertEquals("'" + Validators.str(bad) + "' is not a valid UUID", v("type:uuid", bad));
        }
        assertNull(v("type:uuid_or_none", null));
        assertEquals("'x' is not a valid UUID", v("type:uuid_or_none", "x"));
        assertNull(v("type:uuid_list", list(UUID, UUID2)));
        assertNull(v("type:uuid_list", list()));
        assertEquals("'123' is not a valid UUID", v("type:uuid_list", list(UUID, UUID2, "123")));
        assertEquals("'abc' is not a list", v("type:uuid_list", "abc"));
        assertEquals("Duplicate items in the list: '" + UUID + "'", v("type:uuid_list", list(UUID, UUID2, UUID)));
        assertEquals("List should not be empty", v("type:uuid_list_non_empty", list()));
        assertNull(v("type:subnetpool_id_or_none", null));
        assertNull(v("type:subnetpool_id_or_none", "prefix_delegation"));
        assertNull(v("type:subnetpool_id_or_none", UUID));
        assertEquals("'bad' is not a valid UUID", v("type:subnetpool_id_or_none", "bad"));
        assertNull(v("type:subnetpool_id", null));
    }

    @Test
    public void ipAddresses() {
        for (String ok : List.of("1.1.1.1", "fe80:0:0:0:0:0:0:0001", "::ffff:1.2.3.4", "2001:db8::1", "0.0.0.0")) {
            assertNull(ok, v("type:ip_address", ok));
        }
        for (Object bad : Arrays.asList("1111.1.1.1", "1".repeat(59), "1.1.1.1 has whitespace", " 111.1.1.1",
                "111.1.1.1\n", "1.2.3", "10", "fe80::1%eth0", "1.2.3.4/32", "::ffff:1.2.3.04", 5, null)) {
            assertEquals("'" + Validators.str(bad) + "' is not a valid IP address", v("type:ip_address", bad));
        }
        assertEquals("'1.1.1.01' is not an accepted IP address, '1.1.1.1' is recommended",
                v("type:ip_address", "1.1.1.01"));
        assertEquals("'1.1.1.011' is not an accepted IP address, '1.1.1.11' is recommended",
                v("type:ip_address", "1.1.1.011"));
        assertEquals("'010.000.0.1' is not an accepted IP address, '10.0.0.1' is recommended",
                v("type:ip_address", "010.000.0.1"));
        assertNull(v("type:ip_address_or_none", null));
        assertEquals("'x' is not a valid IP address", v("type:ip_address_or_none", "x"));
        for (String ok : Arrays.asList(null, "172.0.0.1", "172.0.0.1/24", "::1/128")) {
            assertNull(v("type:ip_or_subnet_or_none", ok));
        }
        assertEquals("'abc' is neither a valid IP address, nor is it a valid IP subnet",
                v("type:ip_or_subnet_or_none", "abc"));
    }

    @Test
    public void subnets() {
        for (String ok : List.of("10.0.2.0/24", "192.168.1.5/24", "0.0.0.0/0", "fe80::/24", "fe80:0:0:0:0:0:0:0/128",
                "2001:0db8::1:0:0:1/128", "2001::0:1:0:0:1100/120")) {
            assertNull(ok, v("type:subnet", ok));
        }
        for (Object bad : Arrays.asList("10.0.2.0", "fe80::", "invalid", null, "10.0.2.0/24\r", "10/24",
                "10.0.0.0/255.255.255.0", "010.0.0.0/24", "10.0.0.0/33", "10.0.300.0/24")) {
            assertEquals("'" + Validators.str(bad) + "' is not a valid IP subnet", v("type:subnet", bad));
        }
        assertNull(v("type:subnet_or_none", null));
        assertEquals("'x' is not a valid IP subnet", v("type:subnet_or_none", "x"));
        assertNull(v("type:subnet_list", list("10.1.0.0/24", "fd00::/64")));
        assertEquals("'abc' is not a list", v("type:subnet_list", "abc"));
        assertEquals("Duplicate items in the list: '10.1.0.0/24'",
                v("type:subnet_list", list("10.1.0.0/24", "10.2.0.0/24", "10.1.0.0/24")));
        assertEquals("'10.2.0.0' is not a valid IP subnet", v("type:subnet_list", list("10.1.0.0/24", "10.2.0.0")));
        assertNull(v("type:list_of_subnets_or_none", null));
    }

    @Test
    public void macAddresses() {
        for (String ok : List.of("fa:16:3e:4f:00:00", "ff:16:3e:4f:00:00", "FA-16-3E-4F-00-00", "fa16.3e4f.0000",
                "fa163e4f0000", "a:b:c:d:e:f")) {
            assertNull(ok, v("type:mac_address", ok));
        }
        for (Object bad : Arrays.asList("ffa:16:3e:4f:00:00", "00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF", "123", null,
                "ff:16:3e:4f:00:00\r", "fa:16:3e:4f:00:00:00:01", "fa 16 3e 4f 00 00")) {
            assertEquals("'" + Validators.str(bad) + "' is not a valid MAC address", v("type:mac_address", bad));
        }
        assertNull(v("type:mac_address_or_none", null));
    }

    @Test
    public void regexes() {
        assertNull(v("type:regex", "hat", "[hc]at"));
        assertEquals("'bat' is not a valid input", v("type:regex", "bat", "[hc]at"));
        assertEquals("'None' is not a valid input", v("type:regex", null, "[hc]at"));
        assertNull(v("type:regex_or_none", null, "[hc]at"));
        assertNull(v("type:list_of_regex_or_none", list("hat", "cat", ""), "[hc]at|^$"));
        assertEquals("'bat' is not a valid input", v("type:list_of_regex_or_none", list("hat", "bat"), "[hc]at"));
    }

    private static Map<String, Object> constraints() {
        return dict("key1", dict("type:values", List.of("val1", "val2"), "required", true),
                "key2", dict("type:string", null, "required", false),
                "key3", dict("type:dict", dict("k4", dict("type:string", null, "required", true)), "required", true));
    }

    private static Map<String, Object> dictionary() {
        return dict("key1", "val1", "key2", "a string value", "key3", dict("k4", "a string value"));
    }

    @Test
    public void dicts() {
        for (Object bad : Arrays.asList(null, true, "1", list())) {
            assertEquals("'" + Validators.str(bad) + "' is not a dictionary", v("type:dict", bad));
        }
        assertNull(v("type:dict", dict()));
        assertNull(v("type:dict", dict("key", "value")));
        assertNull(v("type:dict", dictionary(), constraints()));
        Map<String, Object> specs = constraints();
        specs.put("key1", dict("type:unsupported", null, "required", true));
        assertEquals("Validator 'type:unsupported' does not exist", v("type:dict", dictionary(), specs));
        Map<String, Object> missing = dictionary();
        missing.remove("key1");
        assertEquals("Validation of dictionary's keys failed. Expected keys: {'key1', 'key3'} "
                + "Provided keys: {'key2', 'key3'}", v("type:dict", missing, constraints()));
        Map<String, Object> unexpected = dictionary();
        unexpected.put("unexpected_key", "val");
        assertEquals("Unexpected keys supplied: unexpected_key", v("type:dict", unexpected, constraints()));
        Map<String, Object> wrong = dictionary();
        wrong.put("key1", "UNSUPPORTED");
        assertEquals("UNSUPPORTED is not in valid_values", v("type:dict", wrong, constraints()));
        assertNull(v("type:dict_or_none", null, constraints()));
        assertNull(v("type:dict_or_empty", dict(), constraints()));
        assertEquals("'x' is not a dictionary", v("type:dict_or_empty", "x"));
        assertNull(v("type:dict_or_nodata", null, constraints()));
        assertNull(v("type:dict_or_nodata", dict(), constraints()));
        assertNull(v("type:dict_or_nodata", dictionary(), constraints()));
    }

    /** external_gateway_info as the definitions spell it, with convert_to as {"$callable": name}. */
    @Test
    public void dictKeySpecsConvertValues() {
        Map<String, Object> specs = dict("network_id", dict("type:uuid", null, "required", true),
                "external_fixed_ips", dict("type:fixed_ips", null, "required", false),
                "enable_snat", dict("type:boolean", null, "required", false,
                        "convert_to", dict("$callable", "convert_to_boolean", "module", "neutron_lib.api.converters")));
        Map<String, Object> info = dict("network_id", UUID, "enable_snat", "false");
        assertNull(v("type:dict_or_nodata", info, specs));
        assertEquals(false, info.get("enable_snat"));
        assertEquals("'bad' is not a valid UUID", v("type:dict_or_nodata", dict("network_id", "bad"), specs));
        assertEquals("'1.2.3' is not a valid IP address", v("type:dict_or_nodata",
                dict("network_id", UUID, "external_fixed_ips", list(dict("ip_address", "1.2.3"))), specs));
        Map<String, Object> named = dict("flag", dict("type:boolean", null, "convert_to", "convert_to_boolean"));
        Map<String, Object> flag = dict("flag", "1");
        assertNull(v("type:dict", flag, named));
        assertEquals(true, flag.get("flag"));
    }

    @Test
    public void listOfUniqueStrings() {
        assertNull(v("type:list_of_unique_strings", list("TEST01", "TEST02"), 255));
        assertEquals("'TEST' is not a list", v("type:list_of_unique_strings", "TEST", null));
        assertEquals("Duplicate items in the list: 'TEST01'",
                v("type:list_of_unique_strings", list("TEST01", "TEST02", "TEST01"), null));
        assertEquals("'123456789' exceeds maximum length of 8",
                v("type:list_of_unique_strings", list("12345678", "123456789"), 8));
        assertEquals("'5' is not a valid string", v("type:list_of_unique_strings", list(5), 255));
    }

    /** extra_dhcp_opts' two key specs, as the definitions spell them. */
    @Test
    public void listOfAnyKeySpecs() {
        Map<String, Object> toInt = dict("$callable", "convert_to_int", "module", "neutron_lib.api.converters");
        List<Object> specs = list(
                dict("opt_name", dict("type:values", List.of("router", "classless-static-route"), "required", true),
                        "opt_value", dict("type:string_or_none", 255, "required", true),
                        "ip_version", dict("convert_to", toInt, "type:values", List.of(4, 6), "required", false)),
                dict("opt_name", dict("type:oneline_not_empty_string", 64, "required", true),
                        "opt_value", dict("type:oneline_not_empty_string_or_none", 255, "required", true),
                        "ip_version", dict("convert_to", toInt, "type:values", List.of(4, 6), "required", false)));
        assertNull(v("type:list_of_any_key_specs_or_none", null, specs));
        assertNull(v("type:list_of_any_key_specs_or_none",
                list(dict("opt_name", "router", "opt_value", "10.0.0.1")), specs));
        Map<String, Object> tftp = dict("opt_name", "tftp-server", "opt_value", "1.2.3.4", "ip_version", "4");
        assertNull(v("type:list_of_any_key_specs_or_none", list(tftp), specs));
        assertEquals(4, tftp.get("ip_version"));
        NeutronException e = raised("type:list_of_any_key_specs_or_none", list(dict("opt_name", "x")), specs);
        assertRaised("InvalidInput",
                "Invalid input for operation: No valid key specs matched for: {'opt_name': 'x'}.", e);
        assertEquals("Invalid input for operation: 'abc' is not a list.",
                raised("type:list_of_any_key_specs_or_none", "abc", specs).getMessage());
    }

    @Test
    public void nameservers() {
        assertNull(v("type:nameservers", list("1.1.1.1", "1.1.1.2")));
        assertNull(v("type:nameservers", list()));
        assertEquals("Duplicate nameserver '1.1.1.2'", v("type:nameservers", list("1.1.1.2", "1.1.1.2")));
        assertEquals("'1000.0.0.1' is not a valid nameserver. '1000.0.0.1' is not a valid IP address",
                v("type:nameservers", list("1000.0.0.1")));
        assertEquals("'www.hostname.com' is not a valid nameserver. 'www.hostname.com' is not a valid IP address",
                v("type:nameservers", list("www.hostname.com")));
        assertEquals("Invalid data format for nameserver: 'None'", v("type:nameservers", null));
    }

    @Test
    public void hostroutes() {
        assertNull(v("type:hostroutes", list(dict("destination", "100.0.0.0/24", "nexthop", "10.0.2.20"),
                dict("destination", "fd00:1::/64", "nexthop", "fd00::1"))));
        assertEquals("Invalid data format for hostroute: 'None'", v("type:hostroutes", null));
        assertEquals("Invalid input. 'None' must be a dictionary with keys: ['destination', 'nexthop']",
                v("type:hostroutes", list((Object) null)));
        assertEquals("Validation of dictionary's keys failed. Expected keys: {'destination', 'nexthop'} "
                + "Provided keys: {'destination'}", v("type:hostroutes", list(dict("destination", "100.0.0.0/24"))));
        assertEquals("'1110.0.2.20' is not a valid IP address",
                v("type:hostroutes", list(dict("destination", "100.0.0.0/8", "nexthop", "1110.0.2.20"))));
        assertEquals("'100.0.0.0' is not a valid CIDR",
                v("type:hostroutes", list(dict("destination", "100.0.0.0", "nexthop", "10.0.2.20"))));
        assertEquals("'192.168.1.1/8' is not a valid CIDR",
                v("type:hostroutes", list(dict("destination", "192.168.1.1/8", "nexthop", "10.0.2.20"))));
        assertEquals("'127.0.0.0/8' is not a routable CIDR",
                v("type:hostroutes", list(dict("destination", "127.0.0.0/8", "nexthop", "10.0.2.20"))));
        Map<String, Object> route = dict("destination", "100.0.0.0/8", "nexthop", "10.0.2.20");
        assertEquals("Duplicate hostroute '{'destination': '100.0.0.0/8', 'nexthop': '10.0.2.20'}'",
                v("type:hostroutes", list(route, dict("destination", "100.0.0.0/8", "nexthop", "10.0.2.20"))));
    }

    @Test
    public void ipPools() {
        assertNull(v("type:ip_pools", list(dict("start", "10.0.0.2", "end", "10.0.0.254"),
                dict("end", "fd00::ff", "start", "fd00::2"))));
        assertEquals("Invalid data format for IP pool: 'None'", v("type:ip_pools", null));
        assertEquals("Validation of dictionary's keys failed. Expected keys: {'start', 'end'} "
                + "Provided keys: {'end'}", v("type:ip_pools", list(dict("end", "10.0.0.254"))));
        assertEquals("Validation of dictionary's keys failed. Expected keys: {'start', 'end'} Provided keys: "
                + "{'start', 'end', 'forza'}",
                v("type:ip_pools", list(dict("start", "10.0.0.2", "end", "10.0.0.254", "forza", "juve"))));
        assertEquals("'10.0.0.2\r' is not a valid IP address",
                v("type:ip_pools", list(dict("end", "10.0.0.254", "start", "10.0.0.2\r"))));
        assertEquals("'1000.0.0.254' is not a valid IP address",
                v("type:ip_pools", list(dict("start", "1000.0.0.254", "end", "1.1.1.1"))));
    }

    @Test
    public void fixedIps() {
        assertNull(v("type:fixed_ips", list(dict("subnet_id", UUID, "ip_address", "1.1.1.1"),
                dict("subnet_id", UUID, "ip_address", "1.1.1.2"), dict("subnet_id", UUID2))));
        assertEquals("'1111.1.1.1' is not a valid IP address",
                v("type:fixed_ips", list(dict("subnet_id", UUID, "ip_address", "1111.1.1.1"))));
        assertEquals("'invalid' is not a valid UUID",
                v("type:fixed_ips", list(dict("subnet_id", "invalid", "ip_address", "1.1.1.1"))));
        assertEquals("Invalid data format for fixed IP: 'None'", v("type:fixed_ips", null));
        assertEquals("Invalid data format for fixed IP: '1.1.1.1'", v("type:fixed_ips", "1.1.1.1"));
        assertEquals("Invalid data format for fixed IP: '" + UUID + "'", v("type:fixed_ips", list(UUID, "1.1.1.1")));
        assertEquals("Invalid data format for fixed IP: '['" + UUID + "', '1.1.1.1']'",
                v("type:fixed_ips", list(list(UUID, "1.1.1.1"))));
        assertEquals("Duplicate IP address '1.1.1.1'", v("type:fixed_ips",
                list(dict("subnet_id", UUID, "ip_address", "1.1.1.1"),
                        dict("subnet_id", UUID2, "ip_address", "1.1.1.1"))));
    }

    @Test
    public void allowedAddressPairs() {
        String name = "type:allowed_address_pairs";
        assertNull(v(name, list(dict("ip_address", "10.0.0.5"),
                dict("ip_address", "10.0.1.0/24", "mac_address", "fa:16:3e:00:00:01"))));
        assertRaised("HTTPBadRequest", "Allowed address pairs must be a list.", raised(name, "x", null));
        List<Object> eleven = list();
        for (int i = 0; i < 11; i++) {
            eleven.add(dict("ip_address", "10.0.0." + i));
        }
        assertRaised("AllowedAddressPairExhausted", "The number of allowed address pair exceeds the maximum 10.",
                raised(name, eleven, null));
        assertRaised("AllowedAddressPairsMissingIP", "AllowedAddressPair must contain ip_address",
                raised(name, list(dict("mac_address", "fa:16:3e:00:00:01")), null));
        assertRaised("DuplicateAddressPairInRequest",
                "Request contains duplicate address pair: mac_address None ip_address 10.0.0.5.",
                raised(name, list(dict("ip_address", "10.0.0.5"), dict("ip_address", "10.0.0.5")), null));
        assertRaised("HTTPBadRequest", "Unrecognized attribute(s) 'foo'",
                raised(name, list(dict("ip_address", "10.0.0.5", "foo", 1)), null));
        assertRaised("HTTPBadRequest", "'10.0.0.300' is not a valid IP address",
                raised(name, list(dict("ip_address", "10.0.0.300")), null));
        assertRaised("HTTPBadRequest", "'10.0.0.0/33' is not a valid IP subnet",
                raised(name, list(dict("ip_address", "10.0.0.0/33")), null));
        assertRaised("HTTPBadRequest", "'zz' is not a valid MAC address",
                raised(name, list(dict("ip_address", "10.0.0.5", "mac_address", "zz")), null));
        assertEquals("'5' is not a dictionary", v(name, list(5)));
    }

    @Test
    public void networkSegments() {
        Map<String, Object> vlan = dict("provider:network_type", "vlan", "provider:physical_network", "physnet1",
                "provider:segmentation_id", "100");
        Map<String, Object> flat = dict("provider:network_type", "flat", "provider:segmentation_id", 0);
        assertNull(v("type:network_segments", list(vlan, flat)));
        assertEquals(100, vlan.get("provider:segmentation_id"));
        assertFalse(flat.containsKey("provider:segmentation_id"));
        assertRaised("HTTPBadRequest", "Unrecognized attribute(s) 'foo'",
                raised("type:network_segments", list(dict("provider:network_type", "vlan", "foo", 1)), null));
        assertRaised("InvalidInput", "Invalid input for operation: 'abc' is not an integer.",
                raised("type:network_segments", list(dict("provider:segmentation_id", "abc")), null));
        assertEquals("'x' is not a list", v("type:network_segments", "x"));
    }

    @Test
    public void availabilityZoneHints() {
        assertNull(v("type:availability_zone_hint_list", list("nova", "az2")));
        assertEquals("'nova' is not a list", v("type:availability_zone_hint_list", "nova"));
        assertEquals("Duplicate items in the list: 'nova'",
                v("type:availability_zone_hint_list", list("nova", "nova")));
        // stored as json.dumps(hints) in 255 characters: ["<251 chars>"] fits, one more does not
        assertNull(v("type:availability_zone_hint_list", list("a".repeat(251))));
        assertRaised("InvalidInput", "Invalid input for operation: Too many availability_zone_hints specified.",
                raised("type:availability_zone_hint_list", list("a".repeat(252)), null));
        assertRaised("InvalidInput", "Invalid input for operation: Too many availability_zone_hints specified.",
                raised("type:availability_zone_hint_list", list("a".repeat(120), "b".repeat(120), "c\u00e9"), null));
    }

    @Test
    public void subnetServiceTypes() {
        String name = "type:list_of_subnet_service_types";
        assertNull(v(name, list("network:router_gateway", "compute:nova", "neutron:LOADBALANCERV2")));
        assertNull(v(name, null));
        assertNull(v(name, list()));
        assertRaised("HTTPBadRequest", "Subnet service types must be a list.", raised(name, "network:dhcp", null));
        assertRaised("InvalidInputSubnetServiceType", "Subnet service type 5 is not a string.",
                raised(name, list(5), null));
        assertRaised("InvalidSubnetServiceType", "Subnet service type foo:bar does not correspond to a valid "
                + "device owner.", raised(name, list("foo:bar"), null));
    }

    @Test
    public void pythonRendering() {
        assertEquals("None", Validators.str(null));
        assertEquals("True", Validators.str(true));
        assertEquals("1.0", Validators.str(1.0));
        assertEquals("{'a': [1, None, False], 'b': \"it's\"}",
                Validators.str(dict("a", Arrays.asList(1, null, false), "b", "it's")));
        assertEquals("[]", Validators.str(Collections.emptyList()));
    }
}
