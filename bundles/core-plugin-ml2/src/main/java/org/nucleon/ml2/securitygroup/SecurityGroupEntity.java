package org.nucleon.ml2.securitygroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.Cacheable;
import javax.persistence.CascadeType;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.OneToMany;
import javax.persistence.OrderBy;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.nucleon.api.persistence.StandardAttributes;

/**
 * A row of the {@code securitygroups} table; its rules go with it. Not cached: a bulk rule create
 * flushes after each rule, and EclipseLink's shared cache then keeps only the first flush's
 * addition to {@link #rules}, so later reads would miss rules.
 */
@Entity
@Cacheable(false)
@Table(name = "securitygroups", indexes = @Index(name = "ix_securitygroups_project_id", columnList = "project_id"))
public class SecurityGroupEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    /**
     * Counts the additions and removals of rules. Changing it makes each one a revision of the
     * group, as in Neutron; a new rule takes it as its position, so rules are shown in the order
     * they were added.
     */
    @Column(name = "rule_changes")
    int ruleChanges;

    // a list's groups get their rules in one query (as NetworkEntity.segments)
    @OneToMany(mappedBy = "group", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position ASC")
    @BatchFetch(BatchFetchType.IN)
    List<SecurityGroupRuleEntity> rules = new ArrayList<>();

    /** Adds a rule at the end of the group; the caller persists it. */
    void addRule(SecurityGroupRuleEntity rule) {
        rule.group = this;
        rule.securityGroupId = id;
        rule.position = ruleChanges++;
        rules.add(rule);
    }

    void removeRule(SecurityGroupRuleEntity rule) {
        rules.remove(rule);
        ruleChanges++;
    }

    Map<String, Object> toMap(List<SecurityGroupRuleEntity> groupRules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("tenant_id", projectId);
        m.put("security_group_rules", groupRules.stream().map(SecurityGroupRuleEntity::toMap).toList());
        m.put("project_id", projectId);
        putStandardAttributes(m);
        return m;
    }
}
