package org.nucleon.ml2.spi;

import java.util.List;
import java.util.Map;
import org.nucleon.api.context.RequestContext;

/**
 * What a mechanism driver is told about a network, subnet or port: the resource as it is now
 * and, for updates and deletes, as it was; for networks and ports also the network's segments
 * ({@code id}, {@code network_type}, {@code physical_network}, {@code segmentation_id}), as
 * Neutron's NetworkContext.network_segments, and for ports the host asked for in
 * {@code binding:host_id} (null when none).
 */
public record MechanismContext(RequestContext request, Map<String, Object> current, Map<String, Object> original,
        List<Map<String, Object>> segments, String host) {

    public MechanismContext {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
