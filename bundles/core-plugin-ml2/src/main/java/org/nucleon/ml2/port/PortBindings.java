package org.nucleon.ml2.port;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nucleon.api.context.RequestContext;
import org.nucleon.ml2.mechanism.MechanismManager;
import org.nucleon.ml2.network.NetworkEntity;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.PortBinding;

/**
 * Port binding as ML2 does it: a port with a {@code binding:host_id} is offered to the
 * mechanism drivers in order; the first that binds it sets the VIF type and details, and if
 * none does the port is {@code binding_failed}. Without a host the port is {@code unbound}.
 */
final class PortBindings {
    static final String UNBOUND = "unbound";
    static final String BINDING_FAILED = "binding_failed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PortBindings() {
    }

    /** (Re)binds the port for its current host; the view is what the drivers are shown. */
    static void bind(MechanismManager mechanisms, RequestContext context, PortEntity p, NetworkEntity network,
            Map<String, Object> view) {
        if (p.hostId == null || p.hostId.isEmpty()) {
            p.vifType = UNBOUND;
            p.vifDetails = "{}";
            return;
        }
        PortBinding b = mechanisms == null ? null
                : mechanisms.bindPort(new MechanismContext(context, view, null, network.segmentViews(), p.hostId));
        p.vifType = b == null ? BINDING_FAILED : b.vifType();
        p.vifDetails = b == null ? "{}" : write(b.vifDetails());
    }

    static boolean bound(PortEntity p) {
        return !UNBOUND.equals(p.vifType) && !BINDING_FAILED.equals(p.vifType);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String json) {
        try {
            // most ports store "{}": no parser for them, it is a share of every listed port's cost
            return json == null || json.isEmpty() || json.equals("{}") ? new LinkedHashMap<>()
                    : JSON.readValue(json, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored binding data is not JSON", e);
        }
    }
}
