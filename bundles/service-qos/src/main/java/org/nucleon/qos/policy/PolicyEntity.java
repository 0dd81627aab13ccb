package org.nucleon.qos.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.CascadeType;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.OneToMany;
import javax.persistence.Table;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.nucleon.api.persistence.StandardAttributes;
import org.nucleon.qos.rule.RuleEntity;

/** A row of {@code qos_policies}; its rules go with it. */
@Entity
@Table(name = "qos_policies", indexes = @Index(name = "ix_qos_policies_project_id", columnList = "project_id"))
public class PolicyEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name = "";

    /**
     * The {@code shared} flag from before QoS policies were an RBAC object type: the handler turns
     * a set one into the owner's wildcard policy on activation and clears it. Still mapped so
     * those rows can be read, and so that inserts fill a column that old tables have.
     */
    @Column(name = "shared")
    boolean legacyShared;

    // a list's policies get their rules in one query, not one per policy, where no shared cache has them
    @OneToMany(mappedBy = "policy", cascade = CascadeType.ALL, orphanRemoval = true)
    @BatchFetch(BatchFetchType.IN)
    List<RuleEntity> rules = new ArrayList<>();

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public List<RuleEntity> rules() {
        return rules;
    }

    /** The API view; {@code isDefault} comes from qos_default_policies, the rules from one query per page. */
    Map<String, Object> toMap(boolean isDefault, List<RuleEntity> rules) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("project_id", projectId);
        m.put("tenant_id", projectId);
        m.put("name", name);
        m.put("shared", false); // views() reads it from the RBAC policies
        List<Map<String, Object>> shown = new ArrayList<>();
        // Neutron lists them by type (bandwidth limit, DSCP, minimum bandwidth), then direction
        rules.stream().sorted(Comparator.comparing((RuleEntity r) -> r.type().ordinal())
                .thenComparing(RuleEntity::direction)).forEach(r -> shown.add(r.toPolicyView()));
        m.put("rules", shown);
        m.put("is_default", isDefault);
        putStandardAttributes(m);
        // Neutron's policy starts at revision 0; the JPA version starts at 1
        m.put("revision_number", ((Number) m.get("revision_number")).longValue() - 1);
        return m;
    }
}
