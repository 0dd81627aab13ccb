package org.nucleon.ml2.spi;

/**
 * One L2 segment of a network, as Neutron's provider attributes describe it.
 *
 * @param networkType     e.g. {@code vxlan}
 * @param physicalNetwork null for types without one (tunnels, local)
 * @param segmentationId  VLAN id, VNI or tunnel key; null for none, or for a partial segment the driver fills in
 */
public record Segment(String networkType, String physicalNetwork, Long segmentationId) {
    public Segment withSegmentationId(Long id) {
        return new Segment(networkType, physicalNetwork, id);
    }

    public Segment withPhysicalNetwork(String physnet) {
        return new Segment(networkType, physnet, segmentationId);
    }
}
