package org.nucleon.router;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * Neutron's {@code routerports}: a core port serving as a router's interface (or its DVR SNAT
 * port). A port serves one router at most, which its primary key enforces.
 */
@Entity
@Table(name = "routerports", indexes = @Index(name = "ix_routerports_router_id", columnList = "router_id"))
public class RouterPortEntity {
    @Id
    @Column(name = "port_id", length = 36)
    String portId;

    @Column(name = "router_id", length = 36, nullable = false)
    String routerId;

    /** The port's network, so floating IPs can tell which routers reach a network. */
    @Column(name = "network_id", length = 36)
    String networkId;

    /**
     * Null for an interface (its device_owner follows the router's kind); {@link SnatPorts#OWNER}
     * for the centralized SNAT port a distributed router with a gateway has on an interface's network.
     */
    @Column(name = "port_type", length = 255)
    String portType;
}
