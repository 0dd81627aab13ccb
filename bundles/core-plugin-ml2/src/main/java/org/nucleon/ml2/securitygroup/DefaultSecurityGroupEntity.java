package org.nucleon.ml2.securitygroup;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.OneToOne;
import javax.persistence.Table;

/**
 * Neutron's {@code default_security_group} table: one row per project, keyed by the project, so
 * that two requests creating a project's default group at once cannot both succeed.
 */
@Entity
@Table(name = "default_security_group")
public class DefaultSecurityGroupEntity {
    @Id
    @Column(name = "project_id", length = 255)
    String projectId;

    @OneToOne(optional = false)
    @JoinColumn(name = "security_group_id", nullable = false, unique = true)
    SecurityGroupEntity group;
}
