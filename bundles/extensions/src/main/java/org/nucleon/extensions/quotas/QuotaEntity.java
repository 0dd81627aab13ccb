package org.nucleon.extensions.quotas;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/** A row of Neutron's {@code quotas} table: one project's own limit of one resource. */
@Entity
@Table(name = "quotas", uniqueConstraints = @UniqueConstraint(name = "uniq_quotas0project_id0resource",
        columnNames = {"project_id", "resource"}))
public class QuotaEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255, nullable = false)
    String projectId;

    @Column(length = 255, nullable = false)
    String resource;

    /** Neutron's column is {@code limit}, a reserved word in SQL. */
    @Column(name = "quota_limit", nullable = false)
    int quotaLimit;
}
