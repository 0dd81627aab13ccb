package org.nucleon.metering;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * A row of Neutron's {@code meteringlabels} table. Labels have no standard attributes in
 * Neutron (no revision or timestamps); their description is a column of their own.
 */
@Entity
@Table(name = "meteringlabels", indexes = @Index(name = "ix_meteringlabels_project_id", columnList = "project_id"))
public class MeteringLabelEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(length = 1024)
    String description;

    /** A shared label meters the traffic of every project's routers, not only its own project's. */
    boolean shared;
}
