package org.nucleon.ml2.port;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/** A row of {@code extradhcpopts}: one DHCP option of a port, per IP version. */
@Entity
// as allowedaddresspairs: the key does not lead with port_id, by which the options are read
@Table(name = "extradhcpopts", indexes = @Index(name = "ix_extradhcpopts_port_id",
        columnList = "port_id,opt_name,ip_version"))
@IdClass(ExtraDhcpOptEntity.Key.class)
public class ExtraDhcpOptEntity {
    @Id
    @Column(name = "port_id", length = 36)
    String portId;

    @Id
    @Column(name = "opt_name", length = 64)
    String optName;

    @Id
    @Column(name = "ip_version")
    int ipVersion;

    @Column(name = "opt_value", length = 255)
    String optValue;

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String portId;
        String optName;
        int ipVersion;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(portId, k.portId) && Objects.equals(optName, k.optName)
                    && ipVersion == k.ipVersion;
        }

        @Override
        public int hashCode() {
            return Objects.hash(portId, optName, ipVersion);
        }
    }
}
