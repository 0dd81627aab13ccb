package org.nucleon.qos.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule types this plugin serves: their collection, their attributes in Neutron's order, and
 * what the backend driver supports of them (qos-rule-type-details), as the reference's
 * openvswitch driver reports it.
 */
public enum RuleType {
    BANDWIDTH_LIMIT("bandwidth_limit", "bandwidth_limit_rules", List.of("max_kbps", "max_burst_kbps", "direction"),
            List.of(range("max_kbps"), range("max_burst_kbps"), choices("direction", List.of("ingress", "egress")))),
    DSCP_MARKING("dscp_marking", "dscp_marking_rules", List.of("dscp_mark"),
            List.of(choices("dscp_mark", List.of(0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38,
                    40, 46, 48, 56)))),
    MINIMUM_BANDWIDTH("minimum_bandwidth", "minimum_bandwidth_rules", List.of("min_kbps", "direction"),
            List.of(range("min_kbps"), choices("direction", List.of("ingress", "egress"))));

    static final String EGRESS = "egress";
    static final String DRIVER = "openvswitch";
    private static final long MAX_KBPS = 2147483647L;

    private final String typeName;
    private final String collection;
    private final List<String> attributes;
    private final List<Map<String, Object>> supportedParameters;

    RuleType(String typeName, String collection, List<String> attributes,
            List<Map<String, Object>> supportedParameters) {
        this.typeName = typeName;
        this.collection = collection;
        this.attributes = attributes;
        this.supportedParameters = supportedParameters;
    }

    public String typeName() {
        return typeName;
    }

    /** The sub-resource collection under a policy, e.g. {@code bandwidth_limit_rules}. */
    public String collection() {
        return collection;
    }

    /** The qos-rules-alias collection reaching the same rules without their policy. */
    public String aliasCollection() {
        return "alias_" + collection;
    }

    List<String> attributes() {
        return attributes;
    }

    public boolean hasDirection() {
        return attributes.contains("direction");
    }

    /** The type with its drivers' details, as {@code GET /v2.0/qos/rule-types/<type>} shows it. */
    public Map<String, Object> details() {
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", DRIVER);
        driver.put("supported_parameters", supportedParameters);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", typeName);
        m.put("drivers", List.of(driver));
        return m;
    }

    public static RuleType byName(String typeName) {
        for (RuleType t : values()) {
            if (t.typeName.equals(typeName)) {
                return t;
            }
        }
        return null;
    }

    private static Map<String, Object> range(String parameter) {
        Map<String, Object> bounds = new LinkedHashMap<>();
        bounds.put("start", 0);
        bounds.put("end", MAX_KBPS);
        return parameter(parameter, bounds, "range");
    }

    private static Map<String, Object> choices(String parameter, List<?> values) {
        return parameter(parameter, values, "choices");
    }

    private static Map<String, Object> parameter(String parameter, Object values, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameter_name", parameter);
        m.put("parameter_values", values);
        m.put("parameter_type", type);
        return m;
    }
}
