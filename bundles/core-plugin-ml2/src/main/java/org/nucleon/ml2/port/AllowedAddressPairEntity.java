package org.nucleon.ml2.port;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/** A row of {@code allowedaddresspairs}: an extra address a port may send from. */
@Entity
// the key's columns come out in EclipseLink's order, not port_id first: this index serves the reads by port
@Table(name = "allowedaddresspairs", indexes = @Index(name = "ix_allowedaddresspairs_port_id",
        columnList = "port_id,ip_address,mac_address"))
@IdClass(AllowedAddressPairEntity.Key.class)
public class AllowedAddressPairEntity {
    @Id
    @Column(name = "port_id", length = 36)
    String portId;

    @Id
    @Column(name = "mac_address", length = 32)
    String macAddress;

    @Id
    @Column(name = "ip_address", length = 64)
    String ipAddress;

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String portId;
        String macAddress;
        String ipAddress;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(portId, k.portId) && Objects.equals(macAddress, k.macAddress)
                    && Objects.equals(ipAddress, k.ipAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(portId, macAddress, ipAddress);
        }
    }
}
