package org.nucleon.extensions.quotas;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/**
 * A row of Neutron's {@code quotas} table: one project's own limit of one resource. Keyed by
 * project and resource rather than by Neutron's id plus a unique constraint, which EclipseLink
 * would try to add again each time the unit starts on Derby.
 */
@Entity
@Table(name = "quotas")
@IdClass(ProjectResource.class)
public class QuotaEntity {
    @Id
    @Column(name = "project_id", length = 255)
    String projectId;

    @Id
    @Column(length = 255)
    String resource;

    /** Neutron's column is {@code limit}, a reserved word in SQL. */
    @Column(name = "quota_limit", nullable = false)
    int quotaLimit;
}
