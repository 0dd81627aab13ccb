package org.nucleon.flavors;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * A row of Neutron's {@code flavorserviceprofilebindings}: a service profile associated with a
 * flavor. The pair is the primary key, so two concurrent associations of one pair cannot both win.
 */
@Entity
@Table(name = "flavorserviceprofilebindings",
        indexes = @Index(name = "ix_flavorserviceprofilebindings_sp", columnList = "service_profile_id"))
@IdClass(BindingEntity.Key.class)
public class BindingEntity {
    @Id
    @Column(name = "flavor_id", length = 36)
    String flavorId;

    @Id
    @Column(name = "service_profile_id", length = 36)
    String serviceProfileId;

    BindingEntity() {
    }

    BindingEntity(String flavorId, String serviceProfileId) {
        this.flavorId = flavorId;
        this.serviceProfileId = serviceProfileId;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String flavorId;
        String serviceProfileId;

        public Key() {
        }

        Key(String flavorId, String serviceProfileId) {
            this.flavorId = flavorId;
            this.serviceProfileId = serviceProfileId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(flavorId, k.flavorId)
                    && Objects.equals(serviceProfileId, k.serviceProfileId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flavorId, serviceProfileId);
        }
    }
}
