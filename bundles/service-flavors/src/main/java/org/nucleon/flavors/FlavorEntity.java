package org.nucleon.flavors;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of Neutron's {@code flavors} table. */
@Entity
@Table(name = "flavors")
public class FlavorEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(length = 255)
    String name;

    @Column(length = 1024)
    String description;

    @Column(nullable = false)
    boolean enabled = true;

    @Column(name = "service_type", length = 36)
    String serviceType;
}
