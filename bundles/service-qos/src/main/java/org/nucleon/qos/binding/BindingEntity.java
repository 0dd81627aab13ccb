package org.nucleon.qos.binding;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import org.nucleon.qos.policy.PolicyEntity;

/**
 * The policy of one network or port (the core plugin's resources, known here only by id). The
 * foreign key to the policy keeps a policy in use from going, even when the check races.
 */
@Entity
@Table(name = "qos_policy_bindings", indexes = @Index(name = "ix_qos_policy_bindings_policy",
        columnList = "qos_policy_id"))
public class BindingEntity {
    @Id
    @Column(name = "resource_id", length = 36)
    String resourceId;

    /** {@code network} or {@code port}, as Neutron's QosPolicyInUse message names it. */
    @Column(name = "resource_type", length = 16, nullable = false)
    String resourceType;

    /**
     * The network's or port's project, which never changes: who uses the policy, for RBAC
     * (Neutron's get_bound_project_ids). Null in rows bound before it was kept.
     */
    @Column(name = "project_id", length = 255)
    String projectId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "qos_policy_id", nullable = false)
    PolicyEntity policy;

    BindingEntity() {
    }

    BindingEntity(String resourceId, String resourceType, String projectId, PolicyEntity policy) {
        this.resourceId = resourceId;
        this.resourceType = resourceType;
        this.projectId = projectId;
        this.policy = policy;
    }
}
