package org.nucleon.qos.rule;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import org.nucleon.qos.policy.PolicyEntity;

/**
 * A row of {@code qos_rules}: every rule type in one table, each using its own columns. The
 * unique key is Neutron's "one rule of a type and direction per policy".
 */
@Entity
@Table(name = "qos_rules", uniqueConstraints = @UniqueConstraint(name = "uniq_qos_rules_policy_type_direction",
        columnNames = {"qos_policy_id", "rule_type", "direction"}))
public class RuleEntity {
    @Id
    @Column(length = 36)
    String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "qos_policy_id", nullable = false)
    PolicyEntity policy;

    @Enumerated(EnumType.STRING)
    @Column(name = "rule_type", length = 32, nullable = false)
    RuleType type;

    /** Types without a direction (DSCP marking) keep {@code egress}, so the unique key still holds. */
    @Column(length = 16, nullable = false)
    String direction = RuleType.EGRESS;

    @Column(name = "max_kbps")
    Long maxKbps;

    @Column(name = "max_burst_kbps")
    Long maxBurstKbps;

    @Column(name = "dscp_mark")
    Integer dscpMark;

    @Column(name = "min_kbps")
    Long minKbps;

    public RuleType type() {
        return type;
    }

    public String policyId() {
        return policy.id();
    }

    public String direction() {
        return direction;
    }

    void set(String attribute, Object value) {
        switch (attribute) {
            case "direction" -> direction = (String) value;
            case "max_kbps" -> maxKbps = asLong(value);
            case "max_burst_kbps" -> maxBurstKbps = asLong(value);
            case "min_kbps" -> minKbps = asLong(value);
            case "dscp_mark" -> dscpMark = value == null ? null : ((Number) value).intValue();
            default -> throw new IllegalArgumentException("not a rule attribute: " + attribute);
        }
    }

    private Object get(String attribute) {
        return switch (attribute) {
            case "direction" -> direction;
            case "max_kbps" -> maxKbps;
            case "max_burst_kbps" -> maxBurstKbps;
            case "min_kbps" -> minKbps;
            case "dscp_mark" -> dscpMark;
            default -> throw new IllegalArgumentException("not a rule attribute: " + attribute);
        };
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** As the rule's own collection shows it. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        type.attributes().forEach(a -> m.put(a, get(a)));
        m.put("id", id);
        return m;
    }

    /** As its policy's {@code rules} show it: with the policy and the type. */
    public Map<String, Object> toPolicyView() {
        Map<String, Object> m = toMap();
        m.put("qos_policy_id", policy.id());
        m.put("type", type.typeName());
        return m;
    }
}
