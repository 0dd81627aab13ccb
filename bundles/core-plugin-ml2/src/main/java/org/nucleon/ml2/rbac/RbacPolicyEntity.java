package org.nucleon.ml2.rbac;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * A row of {@code rbac_policies}: one table for every object type, where Neutron has one per
 * type, so a plugin that brings a type needs no table here. The unique key is Neutron's
 * (target, object, action), with the type.
 */
@Entity
@Table(name = "rbac_policies",
        uniqueConstraints = @UniqueConstraint(name = "uniq_rbac_policies_target",
                columnNames = {"object_type", "object_id", "action", "target_project"}),
        indexes = {@Index(name = "ix_rbac_policies_object_id", columnList = "object_id"),
                @Index(name = "ix_rbac_policies_project_id", columnList = "project_id")})
public class RbacPolicyEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    /** Short enough, with action, for the unique key within MariaDB's index size. */
    @Column(name = "object_type", length = 32, nullable = false)
    String objectType;

    @Column(name = "object_id", length = 36, nullable = false)
    String objectId;

    @Column(length = 32, nullable = false)
    String action;

    @Column(name = "target_project", length = 255, nullable = false)
    String targetProject;

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("project_id", projectId);
        m.put("tenant_id", projectId);
        m.put("target_tenant", targetProject);
        m.put("action", action);
        m.put("object_id", objectId);
        m.put("object_type", objectType);
        return m;
    }
}
