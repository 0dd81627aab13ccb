package org.nucleon.extensions.quotas;

import java.io.Serializable;
import java.util.Objects;
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
@IdClass(QuotaUsageEntity.Key.class)
public class QuotaUsageEntity {
    @Id
    @Column(name = "project_id", length = 255)
    String projectId;

    @Id
    @Column(length = 255)
    String resource;

    /** The primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String projectId;
        String resource;

        public Key() {
        }

        Key(String projectId, String resource) {
            this.projectId = projectId;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId) && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, resource);
        }
    }
}
