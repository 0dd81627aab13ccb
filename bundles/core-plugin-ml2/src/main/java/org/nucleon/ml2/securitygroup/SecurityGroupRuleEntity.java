package org.nucleon.ml2.securitygroup;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import org.nucleon.api.persistence.StandardAttributes;

/**
 * A row of the {@code securitygrouprules} table. {@code rule_key} is the rule's identity as
 * Neutron compares rules for duplicates; its unique constraint keeps even concurrent requests
 * from adding the same rule twice.
 */
@Entity
@Table(name = "securitygrouprules",
        uniqueConstraints = @UniqueConstraint(name = "uniq_sgrules_group_key",
                columnNames = {"security_group_id", "rule_key"}),
        indexes = @Index(name = "ix_sgrules_remote_group_id", columnList = "remote_group_id"))
public class SecurityGroupRuleEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "security_group_id", nullable = false)
    SecurityGroupEntity group;

    /** The same column as {@link #group}, for filters and sorting on the plain id. */
    @Column(name = "security_group_id", length = 36, nullable = false, insertable = false, updatable = false)
    String securityGroupId;

    @Column(name = "remote_group_id", length = 36)
    String remoteGroupId;

    @Column(length = 16)
    String direction;

    @Column(length = 40)
    String ethertype;

    @Column(length = 40)
    String protocol;

    @Column(name = "port_range_min")
    Integer portRangeMin;

    @Column(name = "port_range_max")
    Integer portRangeMax;

    @Column(name = "remote_ip_prefix", length = 255)
    String remoteIpPrefix;

    @Column(name = "rule_key", length = 255, nullable = false)
    String ruleKey;

    int position;

    /** Rules made by Neutron itself (a new group's) have no description, not an empty one. */
    void clearDescription() {
        description = null;
    }

    /** Against the revision shown, one less than the version column. */
    @Override
    public void checkRevision(Long constraint) {
        super.checkRevision(constraint == null ? null : constraint + 1);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("tenant_id", projectId);
        m.put("security_group_id", securityGroupId);
        m.put("ethertype", ethertype);
        m.put("direction", direction);
        m.put("protocol", protocol);
        m.put("port_range_min", portRangeMin);
        m.put("port_range_max", portRangeMax);
        m.put("remote_ip_prefix", remoteIpPrefix);
        m.put("remote_group_id", remoteGroupId);
        putStandardAttributes(m);
        // rules are never revised in Neutron and show revision 0; the version column starts at 1
        m.put("revision_number", revisionNumber - 1);
        m.put("project_id", projectId);
        return m;
    }
}
