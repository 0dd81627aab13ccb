package org.nucleon.ml2.port;

import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Transient;
import javax.persistence.UniqueConstraint;
import org.nucleon.api.persistence.StandardAttributes;

/**
 * A row of the {@code ports} table, with its binding. A MAC address is unique on its network
 * because the database says so. A network's ports in id order (the default sort, and where a
 * marker's page starts) are an index range, as are ports by name (clients look ports up by name).
 */
@Entity
@Table(name = "ports", uniqueConstraints = @UniqueConstraint(name = "uniq_ports0network_id0mac_address",
        columnNames = {"network_id", "mac_address"}), indexes = {
            @Index(name = "ix_ports_network_id_device_owner", columnList = "network_id,device_owner"),
            @Index(name = "ix_ports_network_id_id", columnList = "network_id,id"),
            @Index(name = "ix_ports_name", columnList = "name"),
            @Index(name = "ix_ports_device_id", columnList = "device_id"),
            @Index(name = "ix_ports_project_id", columnList = "project_id")})
public class PortEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "network_id", length = 36, nullable = false)
    String networkId;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(name = "admin_state_up")
    boolean adminStateUp;

    @Column(name = "mac_address", length = 32, nullable = false)
    String macAddress;

    @Column(name = "device_id", length = 255)
    String deviceId;

    @Column(name = "device_owner", length = 255)
    String deviceOwner;

    @Column(length = 16)
    String status;

    @Column(name = "port_security_enabled")
    boolean portSecurityEnabled;

    @Column(name = "binding_host_id", length = 255)
    String hostId = "";

    @Column(name = "binding_vnic_type", length = 64)
    String vnicType = "normal";

    /** binding:profile as JSON text. */
    @Column(name = "binding_profile", length = 4095)
    String profile = "{}";

    @Column(name = "binding_vif_type", length = 64)
    String vifType = PortBindings.UNBOUND;

    /** binding:vif_details as JSON text. */
    @Column(name = "binding_vif_details", length = 4095)
    String vifDetails = "{}";

    /**
     * The attributes kept in other tables, as this transaction just wrote them: the view of a
     * created or updated port is built from them instead of read back, since reading tables
     * other writers have uncommitted rows in makes Derby's row locks deadlock.
     */
    @Transient
    Map<String, Object> written;

    /** revision_number as read. */
    long revision() {
        return revisionNumber;
    }
}
