package org.nucleon.router;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import org.nucleon.api.persistence.StandardAttributes;

/**
 * A row of {@code floatingips}: an address of an external network held by its own core port,
 * optionally mapped to a fixed address of an internal port through a router.
 */
@Entity
// a port's delete looks for the floating IPs it is or holds, a router's interface removal for those it routes
@Table(name = "floatingips", indexes = {@Index(name = "ix_floatingips_project_id", columnList = "project_id"),
    @Index(name = "ix_floatingips_fixed_port_id", columnList = "fixed_port_id"),
    @Index(name = "ix_floatingips_floating_port_id", columnList = "floating_port_id"),
    @Index(name = "ix_floatingips_router_id", columnList = "router_id")},
        uniqueConstraints = @UniqueConstraint(name = "uniq_floatingips0floatingnetworkid0fixedportid0fixedipaddress",
                columnNames = {"floating_network_id", "fixed_port_id", "fixed_ip_address"}))
public class FloatingIpEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(name = "floating_ip_address", length = 64, nullable = false)
    String floatingIpAddress;

    @Column(name = "floating_network_id", length = 36, nullable = false)
    String floatingNetworkId;

    @Column(name = "floating_port_id", length = 36, nullable = false)
    String floatingPortId;

    @Column(name = "fixed_port_id", length = 36)
    String fixedPortId;

    @Column(name = "fixed_ip_address", length = 64)
    String fixedIpAddress;

    @Column(name = "router_id", length = 36)
    String routerId;

    @Column(length = 16)
    String status;
}
