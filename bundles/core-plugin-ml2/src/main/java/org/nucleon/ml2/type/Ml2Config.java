package org.nucleon.ml2.type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ML2 settings of the PID {@code org.nucleon.ml2} (etc/org.nucleon.ml2.cfg). Values
 * come as Config Admin gives them: strings from the file, or arrays and numbers when set typed.
 * The defaults are the reference deployment's.
 */
public final class Ml2Config {
    public static final String PID = "org.nucleon.ml2";

    public static final String TYPE_DRIVERS = "type_drivers";
    public static final String TENANT_NETWORK_TYPES = "tenant_network_types";
    public static final String FLAT_NETWORKS = "flat_networks";
    public static final String NETWORK_VLAN_RANGES = "network_vlan_ranges";
    public static final String VXLAN_VNI_RANGES = "vxlan_vni_ranges";
    public static final String GRE_TUNNEL_ID_RANGES = "gre_tunnel_id_ranges";
    public static final String GENEVE_VNI_RANGES = "geneve_vni_ranges";
    public static final String GENEVE_MAX_HEADER_SIZE = "geneve_max_header_size";
    public static final String GLOBAL_PHYSNET_MTU = "global_physnet_mtu";
    public static final String PATH_MTU = "path_mtu";
    public static final String PHYSICAL_NETWORK_MTUS = "physical_network_mtus";
    public static final String OVERLAY_IP_VERSION = "overlay_ip_version";

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(TYPE_DRIVERS, "flat,vlan,vxlan,local"),
            Map.entry(TENANT_NETWORK_TYPES, "vxlan"),
            Map.entry(FLAT_NETWORKS, "*"),
            Map.entry(NETWORK_VLAN_RANGES, "physnet1:100:200"),
            Map.entry(VXLAN_VNI_RANGES, "1:1000"),
            Map.entry(GRE_TUNNEL_ID_RANGES, ""),
            Map.entry(GENEVE_VNI_RANGES, ""),
            Map.entry(GENEVE_MAX_HEADER_SIZE, "30"),
            Map.entry(GLOBAL_PHYSNET_MTU, "1500"),
            Map.entry(PATH_MTU, "0"),
            Map.entry(PHYSICAL_NETWORK_MTUS, ""),
            Map.entry(OVERLAY_IP_VERSION, "4"));

    private final Map<String, ?> properties;

    public Ml2Config(Map<String, ?> properties) {
        this.properties = properties == null ? Map.of() : properties;
    }

    /** A comma-separated list option; blanks dropped, so an empty value is an empty list. */
    public List<String> list(String key) {
        Object v = properties.containsKey(key) ? properties.get(key) : DEFAULTS.get(key);
        Collection<?> items = v instanceof Collection<?> c ? c
                : v instanceof Object[] a ? Arrays.asList(a)
                : Arrays.asList(String.valueOf(v == null ? "" : v).split(","));
        List<String> out = new ArrayList<>();
        items.forEach(i -> {
            String s = String.valueOf(i).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        });
        return out;
    }

    public int integer(String key) {
        Object v = properties.containsKey(key) ? properties.get(key) : DEFAULTS.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "' is not an integer", e);
        }
    }

    /** Tunnel ranges such as {@code 1:1000,2000:2999}, each end in {@code [1, highest]}. */
    public List<IdRange> ranges(String key, long highest) {
        List<IdRange> out = new ArrayList<>();
        for (String entry : list(key)) {
            out.add(IdRange.parse(entry, 1, highest));
        }
        return out;
    }

    /**
     * {@code network_vlan_ranges}: {@code physnet:min:max} entries, or a bare {@code physnet} that
     * allows provider networks with an explicit VLAN but has no tenant range. Config order kept.
     */
    public Map<String, List<IdRange>> vlanRanges(long lowest, long highest) {
        Map<String, List<IdRange>> out = new LinkedHashMap<>();
        for (String entry : list(NETWORK_VLAN_RANGES)) {
            int colon = entry.indexOf(':');
            String physnet = (colon < 0 ? entry : entry.substring(0, colon)).strip();
            if (physnet.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "' has no physical network");
            }
            List<IdRange> ranges = out.computeIfAbsent(physnet, p -> new ArrayList<>());
            if (colon >= 0) {
                ranges.add(IdRange.parse(entry.substring(colon + 1), lowest, highest));
            }
        }
        return out;
    }

    /** {@code physical_network_mtus}: {@code physnet:mtu} entries. */
    public Map<String, Integer> physnetMtus() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String entry : list(PHYSICAL_NETWORK_MTUS)) {
            String[] parts = entry.split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                out.put(parts[0].strip(), Integer.parseInt(parts[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' is not of the form physnet:mtu", e);
            }
        }
        return out;
    }
}
