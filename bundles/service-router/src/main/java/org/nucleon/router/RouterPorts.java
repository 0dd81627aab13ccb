package org.nucleon.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.validation.Validators;

/**
 * add_router_interface / remove_router_interface on one router, inside one transaction, as
 * Neutron's L3_NAT_dbonly_mixin does them (checks, messages and response body).
 */
final class RouterPorts {
    private static final String SUBNET_ID = "subnet_id";
    private static final String NETWORK_ID = "network_id";
    private static final String PORT_ID = "port_id";

    private final CoreResources core;
    private final EntityManager em;
    private final RequestContext context;
    private final RouterEntity router;

    RouterPorts(CoreResources core, EntityManager em, RequestContext context, RouterEntity router) {
        this.core = core;
        this.em = em;
        this.context = context;
        this.router = router;
    }

    /** The router's interface ports, sorted by id. */
    static List<String> interfacePortIds(EntityManager em, String routerId) {
        return em.createQuery("SELECT p.portId FROM RouterPortEntity p WHERE p.routerId = :r AND p.portType IS NULL"
                + " ORDER BY p.portId", String.class).setParameter("r", routerId).getResultList();
    }

    Map<String, Object> add(Map<String, Object> info) {
        validate(info);
        if (info.containsKey(PORT_ID) && info.containsKey(SUBNET_ID)) {
            throw RouterErrors.badRouterRequest("Cannot specify both subnet-id and port-id");
        }
        Map<String, Object> port = info.containsKey(PORT_ID) ? takeOver((String) info.get(PORT_ID))
                : portOnSubnet((String) info.get(SUBNET_ID));
        RouterPortEntity row = new RouterPortEntity();
        row.portId = (String) port.get("id");
        row.routerId = router.id;
        row.networkId = (String) port.get(NETWORK_ID);
        em.persist(row);
        SnatPorts.sync(core, em, router);
        return result(port, subnetIds(port));
    }

    /** Neutron's _add_interface_by_port: a free port with an address, on no subnet the router has. */
    private Map<String, Object> takeOver(String portId) {
        Map<String, Object> port = core.port(context, portId);
        Object device = port.get(CoreResources.DEVICE_ID);
        if (device != null && !device.toString().isEmpty()) {
            throw RouterErrors.portInUse(portId, port.get(NETWORK_ID), device);
        }
        List<String> subnets = subnetIds(port);
        if (subnets.isEmpty()) {
            throw RouterErrors.badRouterRequest("Router port must have at least one fixed IP");
        }
        List<Map<String, Object>> views = new ArrayList<>();
        for (String s : subnets) {
            views.add(core.subnet(context, s));
        }
        if (views.stream().filter(s -> Integer.valueOf(4).equals(s.get("ip_version"))).count() > 1) {
            throw RouterErrors.badRouterRequest("Cannot have multiple IPv4 subnets on router port");
        }
        views.forEach(this::checkNewSubnet);
        return core.updatePort(context, portId, Map.of(CoreResources.DEVICE_ID, router.id,
                CoreResources.DEVICE_OWNER, RouterHandler.interfaceOwner(router)));
    }

    /** Neutron's _add_interface_by_subnet: a new port holding the subnet's gateway address. */
    private Map<String, Object> portOnSubnet(String subnetId) {
        Map<String, Object> subnet = core.subnet(context, subnetId);
        Object gateway = subnet.get("gateway_ip");
        if (gateway == null) {
            throw RouterErrors.badRouterRequest("Subnet for router interface must have a gateway IP");
        }
        checkNewSubnet(subnet);
        Map<String, Object> ip = new LinkedHashMap<>();
        ip.put(SUBNET_ID, subnetId);
        ip.put("ip_address", gateway);
        return core.createPort(context, router.projectId, (String) subnet.get(NETWORK_ID), router.id,
                RouterHandler.interfaceOwner(router), List.of(ip));
    }

    /**
     * Neutron's _check_for_dup_router_subnets: not a subnet the router has a port on (gateway
     * included), nor one overlapping such a subnet.
     */
    private void checkNewSubnet(Map<String, Object> subnet) {
        String id = (String) subnet.get("id");
        Cidr cidr = Cidr.parse((String) subnet.get("cidr"));
        for (Map<String, Object> port : allPorts()) {
            for (String existingId : subnetIds(port)) {
                if (existingId.equals(id)) {
                    throw RouterErrors.badRouterRequest("Router already has a port on subnet " + id);
                }
                Map<String, Object> existing = core.subnet(context, existingId);
                if (cidr.overlaps(Cidr.parse((String) existing.get("cidr")))) {
                    throw RouterErrors.badRouterRequest("Cidr " + subnet.get("cidr") + " of subnet " + id
                            + " overlaps with cidr " + existing.get("cidr") + " of subnet " + existingId);
                }
            }
        }
    }

    Map<String, Object> remove(Map<String, Object> info) {
        validate(info);
        String subnetId = (String) info.get(SUBNET_ID);
        Map<String, Object> result = info.containsKey(PORT_ID) ? removeByPort((String) info.get(PORT_ID), subnetId)
                : removeBySubnet(subnetId);
        SnatPorts.sync(core, em, router);
        return result;
    }

    /**
     * Neutron's _validate_interface_info: a port_id or subnet_id key, each a UUID. The router's
     * revision moves on, as Neutron's does when its ports change, which also makes concurrent
     * changes of one router's interfaces conflict and retry instead of both passing the checks.
     */
    private void validate(Map<String, Object> info) {
        if (!info.containsKey(PORT_ID) && !info.containsKey(SUBNET_ID)) {
            throw RouterErrors.badRouterRequest("Either subnet_id or port_id must be specified");
        }
        for (String key : List.of(PORT_ID, SUBNET_ID)) {
            String error = info.containsKey(key) ? Validators.get("type:uuid").validate(info.get(key), null) : null;
            if (error != null) {
                throw RouterErrors.badRouterRequest(error);
            }
        }
        em.lock(router, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
    }

    private Map<String, Object> removeByPort(String portId, String subnetId) {
        RouterPortEntity row = em.find(RouterPortEntity.class, portId);
        if (row == null || row.portType != null || !row.routerId.equals(router.id)) {
            throw RouterErrors.interfaceNotFound(router.id, portId);
        }
        Map<String, Object> port = core.port(context, portId);
        List<String> subnets = subnetIds(port);
        if (subnetId != null && !subnets.contains(subnetId)) {
            throw RouterErrors.interfaceNotFoundForSubnet(router.id, subnetId);
        }
        for (String s : subnets) {
            confirmNotInUse(s);
        }
        detach(row, port);
        return result(port, subnets);
    }

    /** The port holding the subnet goes; if it also holds other subnets it only gives this address up. */
    private Map<String, Object> removeBySubnet(String subnetId) {
        core.subnet(context, subnetId);
        for (Map<String, Object> port : interfacePorts()) {
            List<String> subnets = subnetIds(port);
            if (subnets.contains(subnetId)) {
                confirmNotInUse(subnetId);
                if (subnets.size() == 1) {
                    detach(em.find(RouterPortEntity.class, port.get("id")), port);
                } else {
                    List<Map<String, Object>> kept = new ArrayList<>(CoreResources.fixedIps(port));
                    kept.removeIf(ip -> subnetId.equals(ip.get(SUBNET_ID)));
                    core.updatePort(context, (String) port.get("id"), Map.of(CoreResources.FIXED_IPS, kept));
                }
                return result(port, List.of(subnetId));
            }
        }
        throw RouterErrors.interfaceNotFoundForSubnet(router.id, subnetId);
    }

    /** Neutron's _confirm_router_interface_not_in_use: no route nor floating IP needs the subnet. */
    private void confirmNotInUse(String subnetId) {
        Cidr cidr = Cidr.parse((String) core.subnet(context, subnetId).get("cidr"));
        if (Routes.of(em, router.id).stream().anyMatch(r -> cidr.contains((String) r.get("nexthop")))) {
            throw RouterErrors.interfaceInUseByRoute(router.id, subnetId);
        }
        if (FloatingIps.fixedAddressesOfRouter(em, router.id).stream().anyMatch(cidr::contains)) {
            throw RouterErrors.interfaceInUseByFloatingIp(router.id, subnetId);
        }
    }

    private void detach(RouterPortEntity row, Map<String, Object> port) {
        em.remove(row);
        // the port callback must see the port released before the core deletes it
        em.flush();
        core.deletePort(context, (String) port.get("id"));
    }

    private List<Map<String, Object>> interfacePorts() {
        return ports(false);
    }

    /** The core's views of the router's interface ports and gateway port. */
    List<Map<String, Object>> allPorts() {
        return ports(true);
    }

    private List<Map<String, Object>> ports(boolean withGateway) {
        List<Object> ids = new ArrayList<>(interfacePortIds(em, router.id));
        if (withGateway && router.gwPortId != null) {
            ids.add(router.gwPortId);
        }
        return ids.isEmpty() ? List.of() : core.ports(context, Map.of("id", ids));
    }

    private static List<String> subnetIds(Map<String, Object> port) {
        List<String> out = new ArrayList<>();
        CoreResources.fixedIps(port).forEach(ip -> out.add((String) ip.get(SUBNET_ID)));
        return out;
    }

    /** The action's response body, exactly Neutron's keys. */
    private Map<String, Object> result(Map<String, Object> port, List<String> subnets) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", router.id);
        m.put("tenant_id", router.projectId);
        m.put("port_id", port.get("id"));
        m.put(NETWORK_ID, port.get(NETWORK_ID));
        m.put(SUBNET_ID, subnets.isEmpty() ? null : subnets.get(0));
        m.put("subnet_ids", subnets);
        return m;
    }
}
