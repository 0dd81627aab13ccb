package org.nucleon.ml2.spi;

import java.util.Map;

/**
 * A mechanism driver's answer to {@link MechanismDriver#bindPort}: how the port is plugged.
 *
 * @param vifType    e.g. {@code ovs}, {@code other}
 * @param vifDetails driver-specific details shown in {@code binding:vif_details}
 * @param segmentId  the segment the port is bound on, or null
 */
public record PortBinding(String vifType, Map<String, Object> vifDetails, String segmentId) {
    public PortBinding {
        vifDetails = vifDetails == null ? Map.of() : Map.copyOf(vifDetails);
    }
}
