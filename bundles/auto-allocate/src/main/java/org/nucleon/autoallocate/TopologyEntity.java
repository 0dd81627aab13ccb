package org.nucleon.autoallocate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A row of Neutron's {@code auto_allocated_topologies}, one per project (its primary key). The
 * row is claimed before the topology is built, so of two servers or requests building one
 * project's topology at once only one builds; the network is null until it is done.
 */
@Entity
@Table(name = "auto_allocated_topologies")
public class TopologyEntity {
    @Id
    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(name = "network_id", length = 36)
    String networkId;

    @Column(name = "router_id", length = 36)
    String routerId;

    /** When the claim was made (epoch millis): a claim left unfinished by a stopped server expires. */
    @Column(name = "claimed_at")
    long claimedAt;
}
