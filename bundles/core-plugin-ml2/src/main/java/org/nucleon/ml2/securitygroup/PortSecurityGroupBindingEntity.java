package org.nucleon.ml2.securitygroup;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;

/**
 * Neutron's {@code securitygroupportbindings}: which groups a port uses. The key makes each pair
 * unique; the foreign key keeps a group that a port uses from being deleted. The key leads with
 * the group, so the groups of a page of ports need their own index on the port, and it holds the
 * group too: with the port alone, Derby read a page's range (its bounds are parameters, of unknown
 * selectivity) by scanning the whole key index instead, half of a 1,000-port page's time.
 */
@Entity
@Table(name = "securitygroupportbindings", indexes = {
    @Index(name = "ix_sgportbindings_security_group_id", columnList = "security_group_id"),
    @Index(name = "ix_sgportbindings_port_id_group", columnList = "port_id, security_group_id")})
@IdClass(PortSecurityGroupBindingEntity.Key.class)
public class PortSecurityGroupBindingEntity {
    @Id
    @Column(name = "port_id", length = 36)
    String portId;

    @Id
    @Column(name = "security_group_id", length = 36)
    String securityGroupId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "security_group_id", insertable = false, updatable = false)
    SecurityGroupEntity group;

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String portId;
        String securityGroupId;

        public Key() {
        }

        Key(String portId, String securityGroupId) {
            this.portId = portId;
            this.securityGroupId = securityGroupId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(portId, k.portId)
                    && Objects.equals(securityGroupId, k.securityGroupId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(portId, securityGroupId);
        }
    }
}
