package org.nucleon.router;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import org.nucleon.api.persistence.StandardAttributes;

/** A row of the {@code routers} table; the gateway is a core port named by {@link #gwPortId}. */
@Entity
// a port's delete looks for the router whose gateway it is, a floating IP for the routers with a gateway on its network
@Table(name = "routers", indexes = {@Index(name = "ix_routers_project_id", columnList = "project_id"),
    @Index(name = "ix_routers_gw_port_id", columnList = "gw_port_id"),
    @Index(name = "ix_routers_gw_network_id", columnList = "gw_network_id")})
public class RouterEntity extends StandardAttributes {
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

    @Column(name = "gw_port_id", length = 36)
    String gwPortId;

    /** The external network of the gateway, kept so floating IPs find their router without the core. */
    @Column(name = "gw_network_id", length = 36)
    String gwNetworkId;

    @Column(name = "enable_snat")
    boolean enableSnat = true;

    /** l3-flavors: the flavor the router was created with, or null. */
    @Column(name = "flavor_id", length = 36)
    String flavorId;

    /** l3-ha; a wrapper because rows older than the column read as NULL, meaning false. */
    @Column(name = "ha")
    Boolean ha;

    /** dvr; nullable for the same reason as {@link #ha}. */
    @Column(name = "distributed")
    Boolean distributed;

    boolean isHa() {
        return Boolean.TRUE.equals(ha);
    }

    boolean isDistributed() {
        return Boolean.TRUE.equals(distributed);
    }
}
