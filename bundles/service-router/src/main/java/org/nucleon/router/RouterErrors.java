package org.nucleon.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nucleon.api.error.NeutronException;

/** Neutron's L3 exceptions (neutron_lib.exceptions.l3 and extraroute), with their status, type and message. */
final class RouterErrors {
    private RouterErrors() {
    }

    /** neutron_lib BadRequest for resource {@code router}: "Bad router request: %(msg)s.". */
    static NeutronException badRouterRequest(String message) {
        return new NeutronException(400, "BadRequest", "Bad router request: " + message + ".");
    }

    /**
     * Changing {@code ha} or {@code distributed} of a router that is up: Neutron's BEFORE_UPDATE
     * subscribers each refuse, and their BadRequest messages come joined by newlines.
     */
    static NeutronException activeRouterMigration(boolean distributed, boolean ha) {
        List<String> messages = new ArrayList<>();
        if (distributed) {
            messages.add("Bad router request: Cannot change the 'distributed' attribute of active routers. "
                    + "Please set router admin_state_up to False prior to upgrade.");
        }
        if (ha) {
            messages.add("Bad router request: Cannot change HA attribute of active routers. "
                    + "Please set router admin_state_up to False prior to upgrade.");
        }
        return new NeutronException(400, "BadRequest", String.join("\n", messages));
    }

    static NeutronException badFloatingIpRequest(String message) {
        return new NeutronException(400, "BadRequest", "Bad floatingip request: " + message + ".");
    }

    /** Unlike most NotFounds, Neutron's RouterNotFound message has no final period. */
    static NeutronException routerNotFound(String id) {
        return new NeutronException(404, "RouterNotFound", "Router " + id + " could not be found");
    }

    static NeutronException floatingIpNotFound(String id) {
        return new NeutronException(404, "FloatingIPNotFound", "Floating IP " + id + " could not be found");
    }

    /** The routes are shown as Python shows the list of dicts, as Neutron's message does. */
    static NeutronException invalidRoutes(List<Map<String, Object>> routes, String reason) {
        String repr = routes.stream().map(r -> "{'destination': '" + r.get("destination") + "', 'nexthop': '"
                + r.get("nexthop") + "'}").collect(Collectors.joining(", ", "[", "]"));
        return new NeutronException(400, "InvalidRoutes", "Invalid format for routes: " + repr + ", " + reason);
    }

    static NeutronException interfaceInUseByRoute(String routerId, String subnetId) {
        return NeutronException.conflict("RouterInterfaceInUseByRoute", "Router interface for subnet " + subnetId
                + " on router " + routerId + " cannot be deleted, as it is required by one or more routes.");
    }

    static NeutronException interfaceInUseByFloatingIp(String routerId, String subnetId) {
        return NeutronException.conflict("RouterInterfaceInUseByFloatingIP", "Router interface for subnet "
                + subnetId + " on router " + routerId + " cannot be deleted, as it is required by one or more "
                + "floating IPs.");
    }

    static NeutronException interfaceNotFoundForSubnet(String routerId, String subnetId) {
        return new NeutronException(404, "RouterInterfaceNotFoundForSubnet", "Router " + routerId
                + " has no interface on subnet " + subnetId);
    }

    static NeutronException interfaceNotFound(String routerId, String portId) {
        return new NeutronException(404, "RouterInterfaceNotFound", "Router " + routerId
                + " does not have an interface with id " + portId);
    }

    static NeutronException routerInUse(String routerId, List<String> ports) {
        return NeutronException.conflict("RouterInUse", "Router " + routerId + " has ports still attached: "
                + String.join(", ", ports));
    }

    static NeutronException portInUse(String portId, Object networkId, Object deviceId) {
        return NeutronException.conflict("PortInUse", "Unable to complete operation on port " + portId
                + " for network " + networkId + ". Port already has an attached device " + deviceId + ".");
    }

    static NeutronException gatewayInUseByFloatingIp(String routerId, String networkId) {
        return NeutronException.conflict("RouterExternalGatewayInUseByFloatingIp", "Gateway cannot be updated for "
                + "router " + routerId + ", since a gateway to external network " + networkId
                + " is required by one or more floating IPs.");
    }

    static NeutronException servicePortInUse(String portId, Object deviceOwner) {
        return NeutronException.conflict("ServicePortInUse", "Port " + portId
                + " cannot be deleted directly via the port API: has device owner " + deviceOwner + ".");
    }
}
