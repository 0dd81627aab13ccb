package org.nucleon.ml2.ipam;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * One address held by one port. The primary key (subnet_id, ip_address) is the database's
 * guarantee that an address is never handed out twice, also by concurrent transactions.
 */
@Entity
// a port's addresses in its order, read from the index alone, as a page of ports needs them
@Table(name = "ipallocations", indexes = {
    @Index(name = "ix_ipallocations_port_id_position", columnList = "port_id,position,subnet_id,ip_address"),
    @Index(name = "ix_ipallocations_network_id", columnList = "network_id")})
@IdClass(IpAllocationEntity.Key.class)
public class IpAllocationEntity {
    @Id
    @Column(name = "subnet_id", length = 36)
    String subnetId;

    /** Canonical text (Ip.text), so equal addresses are equal strings. */
    @Id
    @Column(name = "ip_address", length = 64)
    String ipAddress;

    @Column(name = "port_id", length = 36, nullable = false)
    String portId;

    @Column(name = "network_id", length = 36, nullable = false)
    String networkId;

    /** The port's device_owner: subnet delete tells user ports from auto-deleted ones by it. */
    @Column(name = "device_owner", length = 255)
    String deviceOwner;

    /** Index in the port's fixed_ips, which keep their order. */
    int position;

    protected IpAllocationEntity() {
    }

    IpAllocationEntity(String subnetId, String ipAddress, String portId, String networkId, String deviceOwner,
            int position) {
        this.subnetId = subnetId;
        this.ipAddress = ipAddress;
        this.portId = portId;
        this.networkId = networkId;
        this.deviceOwner = deviceOwner;
        this.position = position;
    }

    /** Composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String subnetId;
        String ipAddress;

        public Key() {
        }

        public Key(String subnetId, String ipAddress) {
            this.subnetId = subnetId;
            this.ipAddress = ipAddress;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.subnetId.equals(subnetId) && k.ipAddress.equals(ipAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subnetId, ipAddress);
        }
    }
}
