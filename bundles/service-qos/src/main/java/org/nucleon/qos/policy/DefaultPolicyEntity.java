package org.nucleon.qos.policy;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.OneToOne;
import javax.persistence.Table;

/** A project's default policy (qos-default): the primary key keeps it to one per project, as Neutron's table. */
@Entity
@Table(name = "qos_default_policies")
public class DefaultPolicyEntity {
    @Id
    @Column(name = "project_id", length = 255)
    String projectId;

    @OneToOne
    @JoinColumn(name = "qos_policy_id", nullable = false, unique = true)
    PolicyEntity policy;

    public PolicyEntity policy() {
        return policy;
    }
}
