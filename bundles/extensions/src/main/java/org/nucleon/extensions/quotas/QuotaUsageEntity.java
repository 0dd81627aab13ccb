package org.nucleon.extensions.quotas;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/**
 * One row per project and resource, as Neutron's {@code quotausages}: reservations of that
 * resource lock it first, so reservers on any server sharing the database take turns counting.
 */
@Entity
@Table(name = "quotausages")
@IdClass(ProjectResource.class)
public class QuotaUsageEntity {
    @Id
    @Column(name = "project_id", length = 255)
    String projectId;

    @Id
    @Column(length = 255)
    String resource;
}
