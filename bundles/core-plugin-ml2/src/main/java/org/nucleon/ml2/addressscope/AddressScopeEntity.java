package org.nucleon.ml2.addressscope;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of the {@code address_scopes} table (not a standard-attr resource in Neutron). */
@Entity
@Table(name = "address_scopes")
public class AddressScopeEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(name = "ip_version")
    int ipVersion;

    /**
     * {@code shared} from before RBAC policies: {@link org.nucleon.ml2.rbac.LegacySharing} turns
     * a set one into the owner's wildcard policy and clears it; mapped so old rows can be read.
     */
    @Column(name = "shared")
    boolean legacyShared;

    public int ipVersion() {
        return ipVersion;
    }
}
