package org.nucleon.metering;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;

/** A row of Neutron's {@code meteringlabelrules} table. */
@Entity
@Table(name = "meteringlabelrules",
        indexes = @Index(name = "ix_meteringlabelrules_label", columnList = "metering_label_id,direction,excluded"))
public class MeteringLabelRuleEntity {
    @Id
    @Column(length = 36)
    String id;

    /** The foreign key, so a rule cannot outlive its label even when two requests race. */
    @ManyToOne(optional = false)
    @JoinColumn(name = "metering_label_id", nullable = false)
    MeteringLabelEntity label;

    /** The same column read as a value, for filters and sorting by metering_label_id. */
    @Column(name = "metering_label_id", length = 36, nullable = false, insertable = false, updatable = false)
    String labelId;

    @Column(length = 16)
    String direction;

    boolean excluded;

    /** Prefixes as Neutron stores them: str(netaddr.IPNetwork), host bits kept; null when not given. */
    @Column(name = "remote_ip_prefix", length = 64)
    String remoteIpPrefix;

    @Column(name = "source_ip_prefix", length = 64)
    String sourceIpPrefix;

    @Column(name = "destination_ip_prefix", length = 64)
    String destinationIpPrefix;
}
