package org.nucleon.agents;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A network's or router's availability_zone_hints as JSON text, as Neutron keeps them on the
 * resource's row; here in the agents unit's own table, since those tables are other plugins'.
 */
@Entity
@Table(name = "availability_zone_hints")
public class AzHintsEntity {
    @Id
    @Column(name = "resource_id", length = 36)
    String resourceId;
    @Column(length = 255, nullable = false)
    String hints;
}
