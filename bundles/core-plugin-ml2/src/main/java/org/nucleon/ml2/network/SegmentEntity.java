package org.nucleon.ml2.network;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import org.nucleon.ml2.spi.Segment;

/** A row of {@code networksegments}: one segment of a network, in the order it was requested. */
@Entity
@Table(name = "networksegments", indexes = @Index(name = "ix_networksegments_network_id", columnList = "network_id"))
public class SegmentEntity {
    @Id
    @Column(length = 36)
    String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "network_id", nullable = false)
    NetworkEntity network;

    @Column(name = "network_type", length = 32, nullable = false)
    String networkType;

    @Column(name = "physical_network", length = 64)
    String physicalNetwork;

    @Column(name = "segmentation_id")
    Long segmentationId;

    @Column(name = "segment_index", nullable = false)
    int segmentIndex;

    Segment segment() {
        return new Segment(networkType, physicalNetwork, segmentationId);
    }
}
