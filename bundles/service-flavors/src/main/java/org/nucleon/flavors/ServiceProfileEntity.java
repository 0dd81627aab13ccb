package org.nucleon.flavors;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of Neutron's {@code serviceprofiles} table. */
@Entity
@Table(name = "serviceprofiles")
public class ServiceProfileEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(length = 1024)
    String description;

    @Column(length = 1024, nullable = false)
    String driver;

    @Column(nullable = false)
    boolean enabled = true;

    @Column(length = 4096)
    String metainfo;
}
