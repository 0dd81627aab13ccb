package org.nucleon.ml2.network;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import org.nucleon.api.persistence.StandardAttributes;

/** A row of the {@code networks} table. */
@Entity
@Table(name = "networks", indexes = @Index(name = "ix_networks_project_id", columnList = "project_id"))
public class NetworkEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(name = "admin_state_up")
    boolean adminStateUp;

    @Column(length = 16)
    String status;

    boolean shared;
}
