package org.nucleon.agents;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A network's availability_zone_hints as JSON text, as Neutron keeps them on the network row;
 * here in the agents unit's own table, since the networks table is the core plugin's.
 */
@Entity
@Table(name = "network_availability_zone_hints")
public class NetworkAzHintsEntity {
    @Id
    @Column(name = "network_id", length = 36)
    String networkId;
    @Column(length = 255, nullable = false)
    String hints;
}
