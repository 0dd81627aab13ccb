package org.nucleon.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Floating IPs (router, fip-port-details): an address of an external network held by a core
 * port of owner {@code network:floatingip}, mapped to a fixed address of an internal port through
 * the router that has a gateway on that network and an interface on the internal subnet.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=floatingips")
public class FloatingIpHandler extends JpaResourceHandler<FloatingIpEntity> {
    static final String FLOATING_IP_OWNER = "network:floatingip";
    private static final String PORT_ID = "port_id";
    private static final String FIXED_IP = "fixed_ip_address";
    private static final String IP_ADDRESS = "ip_address";
    private static final String SUBNET_ID = "subnet_id";
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("id", "id"),
            Map.entry("tenant_id", "projectId"), Map.entry("project_id", "projectId"),
            Map.entry("floating_ip_address", "floatingIpAddress"), Map.entry("floating_network_id", "floatingNetworkId"),
            Map.entry("router_id", "routerId"), Map.entry(PORT_ID, "fixedPortId"), Map.entry(FIXED_IP, "fixedIpAddress"),
            Map.entry("status", "status"), Map.entry("description", "description"));

    @Reference(target = "(osgi.unit.name=nucleon-router)")
    JpaTemplate jpa;

    @Reference
    CoreResources core;

    @Reference
    CallbackRegistry callbacks;

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    /** Published so that what other bundles keep about a floatingip (its tags) follows it. */
    @Override
    protected String eventResource() {
        return "floatingip";
    }

    public FloatingIpHandler() {
        super(FloatingIpEntity.class, "FloatingIP", COLUMNS);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected NeutronException notFound(String id) {
        return RouterErrors.floatingIpNotFound(id);
    }

    @Override
    protected FloatingIpEntity newEntity(RequestContext context, Map<String, Object> fip) {
        FloatingIpEntity e = new FloatingIpEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) fip.get("tenant_id");
        e.floatingNetworkId = (String) fip.get("floating_network_id");
        e.status = "DOWN";
        return e;
    }

    @Override
    protected void apply(FloatingIpEntity e, Map<String, Object> changes) {
        e.applyDescription(changes);
    }

    /** Neutron's _create_floatingip: an external network, then its port (of no project), then the association. */
    @Override
    protected FloatingIpEntity insert(EntityManager em, RequestContext context, Map<String, Object> fip) {
        FloatingIpEntity e = newEntity(context, fip);
        apply(e, fip);
        Map<String, Object> network = core.network(context, e.floatingNetworkId);
        if (!Boolean.TRUE.equals(network.get("router:external"))) {
            throw RouterErrors.badFloatingIpRequest("Network " + e.floatingNetworkId
                    + " is not a valid external network");
        }
        Map<String, Object> ip = new LinkedHashMap<>();
        if (fip.get(SUBNET_ID) != null) {
            ip.put(SUBNET_ID, fip.get(SUBNET_ID));
        }
        if (fip.get("floating_ip_address") != null) {
            ip.put(IP_ADDRESS, fip.get("floating_ip_address"));
        }
        Map<String, Object> port = core.createPort(CoreResources.ADMIN, "", e.floatingNetworkId, e.id, FLOATING_IP_OWNER,
                ip.isEmpty() ? null : List.of(ip));
        e.floatingPortId = (String) port.get("id");
        e.floatingIpAddress = CoreResources.fixedIps(port).stream().map(a -> (String) a.get(IP_ADDRESS))
                .filter(a -> !a.contains(":")).findFirst().orElseThrow(() -> RouterErrors.badFloatingIpRequest(
                        "Network " + e.floatingNetworkId + " does not contain any IPv4 subnet"));
        em.persist(e);
        requirePortForFixedAddress(fip);
        if (fip.get(PORT_ID) != null) {
            associate(em, context, e, (String) fip.get(PORT_ID), (String) fip.get(FIXED_IP));
        }
        return e;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, FloatingIpEntity e, Map<String, Object> changes) {
        apply(e, changes);
        requirePortForFixedAddress(changes);
        if (changes.containsKey(PORT_ID)) {
            String portId = (String) changes.get(PORT_ID);
            if (portId == null) {
                disassociate(e);
            } else {
                associate(em, context, e, portId, (String) changes.get(FIXED_IP));
            }
        }
    }

    /** The floating IP's port goes with it, once the row is gone so that the port callback lets it go. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, FloatingIpEntity e) {
        em.remove(e);
        em.flush();
        core.deletePort(CoreResources.ADMIN, e.floatingPortId);
    }

    /** Neutron's _check_and_get_fip_assoc: a fixed address only comes with the port it is on. */
    private static void requirePortForFixedAddress(Map<String, Object> body) {
        if (body.get(FIXED_IP) != null && body.get(PORT_ID) == null) {
            throw RouterErrors.badFloatingIpRequest("fixed_ip_address cannot be specified without a port_id");
        }
    }

    static void disassociate(FloatingIpEntity e) {
        e.fixedPortId = null;
        e.fixedIpAddress = null;
        e.routerId = null;
    }

    /** Neutron's _get_assoc_data: the fixed address, a router that reaches it, and no other floating IP on it. */
    private void associate(EntityManager em, RequestContext context, FloatingIpEntity e, String portId,
            String requestedAddress) {
        Map<String, Object> port = core.port(context, portId);
        Map<String, Object> fixed = fixedAddress(port, requestedAddress);
        String address = (String) fixed.get(IP_ADDRESS);
        String subnetId = (String) fixed.get(SUBNET_ID);
        FloatingIpEntity other = FloatingIps.onFixedAddress(em, e.floatingNetworkId, portId, address, e.id);
        if (other != null) {
            throw NeutronException.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP "
                    + e.floatingIpAddress + " (" + e.id + ") with port " + portId + " using fixed IP " + address
                    + ", as that fixed IP already has a floating IP on external network " + e.floatingNetworkId + ".");
        }
        e.routerId = routerFor(em, context, e.floatingNetworkId, (String) port.get("network_id"), subnetId, portId);
        e.fixedPortId = portId;
        e.fixedIpAddress = address;
    }

    private static Map<String, Object> fixedAddress(Map<String, Object> port, String requested) {
        String portId = (String) port.get("id");
        List<Map<String, Object>> v4 = CoreResources.fixedIps(port).stream()
                .filter(ip -> !((String) ip.get(IP_ADDRESS)).contains(":")).toList();
        if (requested != null) {
            return v4.stream().filter(ip -> requested.equals(ip.get(IP_ADDRESS))).findFirst().orElseThrow(() ->
                    RouterErrors.badFloatingIpRequest("Port " + portId + " does not have fixed ip " + requested));
        }
        if (v4.isEmpty()) {
            throw RouterErrors.badFloatingIpRequest("Cannot add floating IP to port " + portId
                    + " that has no fixed IPv4 addresses");
        }
        if (v4.size() > 1) {
            throw RouterErrors.badFloatingIpRequest("Port " + portId + " has multiple fixed IPv4 addresses.  Must "
                    + "provide a specific IPv4 address when assigning a floating IP");
        }
        return v4.get(0);
    }

    /** Neutron's _get_router_for_floatingip: a router with a gateway on the network and an interface on the subnet. */
    private String routerFor(EntityManager em, RequestContext context, String externalNetworkId,
            String internalNetworkId, String subnetId, String portId) {
        List<String> routers = FloatingIps.routersWithGateway(em, externalNetworkId);
        List<Object[]> interfaces = routers.isEmpty() ? List.of()
                : FloatingIps.interfacesOn(em, routers, internalNetworkId);
        if (!interfaces.isEmpty()) {
            Map<String, String> routerOfPort = new HashMap<>();
            List<Object> ids = new ArrayList<>();
            interfaces.forEach(row -> {
                routerOfPort.put((String) row[0], (String) row[1]);
                ids.add(row[0]);
            });
            for (Map<String, Object> p : core.ports(context, Map.of("id", ids))) {
                if (CoreResources.fixedIps(p).stream().anyMatch(ip -> subnetId.equals(ip.get(SUBNET_ID)))) {
                    return routerOfPort.get(p.get("id"));
                }
            }
        }
        throw new NeutronException(404, "ExternalGatewayForFloatingIPNotFound", "External network "
                + externalNetworkId + " is not reachable from subnet " + subnetId
                + ".  Therefore, cannot associate Port " + portId + " with a Floating IP.");
    }

    /** Adds port_details (fip-port-details) with one core query per page. */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<FloatingIpEntity> fips) {
        List<Object> fixedPorts = new ArrayList<>();
        fips.stream().filter(f -> f.fixedPortId != null).forEach(f -> fixedPorts.add(f.fixedPortId));
        Map<String, Map<String, Object>> ports = new HashMap<>();
        if (!fixedPorts.isEmpty()) {
            core.ports(CoreResources.ADMIN, Map.of("id", fixedPorts)).forEach(p -> ports.put((String) p.get("id"), p));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (FloatingIpEntity f : fips) {
            Map<String, Object> view = toMap(f);
            view.put("port_details", portDetails(ports.get(f.fixedPortId)));
            out.add(view);
        }
        return out;
    }

    private static Map<String, Object> portDetails(Map<String, Object> port) {
        if (port == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : List.of("name", "network_id", "mac_address", "admin_state_up", "status", "device_id",
                "device_owner")) {
            m.put(key, port.get(key));
        }
        return m;
    }

    @Override
    protected Map<String, Object> toMap(FloatingIpEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("tenant_id", e.projectId);
        m.put("floating_ip_address", e.floatingIpAddress);
        m.put("floating_network_id", e.floatingNetworkId);
        m.put("router_id", e.routerId);
        m.put(PORT_ID, e.fixedPortId);
        m.put(FIXED_IP, e.fixedIpAddress);
        m.put("status", e.status);
        m.put("project_id", e.projectId);
        e.putStandardAttributes(m);
        return m;
    }
}
