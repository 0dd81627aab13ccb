package org.nucleon.ml2.type;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Cacheable;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/**
 * One taken segment: a row exists exactly while the segment is in use, and the primary key
 * makes a second reservation of it fail in the database, also between servers sharing it.
 * Not cached, so a reservation check never trusts a copy another server may have outdated.
 */
@Entity
@Cacheable(false)
@IdClass(SegmentAllocation.Key.class)
@Table(name = "ml2_segment_allocations")
public class SegmentAllocation {
    /** Stands for "no physical network" in the key, where a NULL would not be unique. */
    static final String NO_PHYSNET = "";

    @Id
    @Column(name = "network_type", length = 32)
    String networkType;

    @Id
    @Column(name = "physical_network", length = 64)
    String physicalNetwork;

    @Id
    @Column(name = "segmentation_id")
    long segmentationId;

    protected SegmentAllocation() {
    }

    SegmentAllocation(Key key) {
        this.networkType = key.networkType;
        this.physicalNetwork = key.physicalNetwork;
        this.segmentationId = key.segmentationId;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String networkType;
        String physicalNetwork;
        long segmentationId;

        public Key() {
        }

        Key(String networkType, String physicalNetwork, long segmentationId) {
            this.networkType = networkType;
            this.physicalNetwork = physicalNetwork == null ? NO_PHYSNET : physicalNetwork;
            this.segmentationId = segmentationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.networkType.equals(networkType)
                    && k.physicalNetwork.equals(physicalNetwork) && k.segmentationId == segmentationId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(networkType, physicalNetwork, segmentationId);
        }
    }
}
