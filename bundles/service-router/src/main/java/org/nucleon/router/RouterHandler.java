package org.nucleon.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.validation.Validators;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Routers (router, ext-gw-mode, extraroute) and their interfaces. Gateway and interface ports
 * are the core plugin's, made and removed through its ports handler inside the router's
 * transaction; this plugin keeps which router holds which port. l3-ha and dvr are flags of the
 * router (defaults {@code l3_ha} and {@code router_distributed} of PID {@value #PID}) that
 * decide its interfaces' device_owner; no agent schedules them here.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=routers",
        configurationPid = RouterHandler.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class RouterHandler extends JpaResourceHandler<RouterEntity> {
    static final String GATEWAY_OWNER = "network:router_gateway";
    static final String PID = "org.nucleon.router";
    static final String INTERFACE_OWNER = "network:router_interface";
    static final String DVR_INTERFACE_OWNER = "network:router_interface_distributed";
    static final String HA_INTERFACE_OWNER = "network:ha_router_replicated_interface";
    static final String HA = "ha";
    static final String DISTRIBUTED = "distributed";
    static final String GATEWAY_INFO = "external_gateway_info";
    static final String ROUTES = "routes";
    private static final String SUBNET_ID = "subnet_id";
    private static final String NETWORK_ID = "network_id";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name", "tenant_id", "projectId",
            "project_id", "projectId", "admin_state_up", "adminStateUp", "status", "status", "flavor_id", "flavorId",
            "description", "description");

    @Reference(target = "(osgi.unit.name=nucleon-router)")
    JpaTemplate jpa;

    @Reference
    CoreResources core;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    L3Flavors flavors;

    /** Routers publish their events, so other bundles take part (availability zone hints). */
    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return "router";
    }

    private volatile boolean haByDefault;
    private volatile boolean distributedByDefault;

    public RouterHandler() {
        super(RouterEntity.class, "Router", COLUMNS);
    }

    /** Neutron's l3_ha and router_distributed options; a change applies to routers created after it. */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        haByDefault = option(properties, "l3_ha");
        distributedByDefault = option(properties, "router_distributed");
    }

    private static boolean option(Map<String, Object> properties, String key) {
        return Boolean.parseBoolean(String.valueOf(properties.getOrDefault(key, "false")).strip());
    }

    /** The device_owner Neutron gives the router's interface ports: DVR first, then HA. */
    static String interfaceOwner(RouterEntity router) {
        if (router.isDistributed()) {
            return DVR_INTERFACE_OWNER;
        }
        return router.isHa() ? HA_INTERFACE_OWNER : INTERFACE_OWNER;
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected NeutronException notFound(String id) {
        return RouterErrors.routerNotFound(id);
    }

    /** A flavor named in the body is checked before the transaction, as Neutron's BEFORE_CREATE does. */
    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> routers) {
        routers.forEach(r -> flavors.check(context, r));
        return super.createBulk(context, routers);
    }

    @Override
    protected RouterEntity newEntity(RequestContext context, Map<String, Object> router) {
        RouterEntity e = new RouterEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) router.get("tenant_id");
        e.status = "ACTIVE";
        // absent or null (convert_to_boolean_if_not_none) means the configured default
        e.ha = router.get(HA) == null ? haByDefault : (Boolean) router.get(HA);
        e.distributed = router.get(DISTRIBUTED) == null ? distributedByDefault : (Boolean) router.get(DISTRIBUTED);
        e.flavorId = (String) router.get(L3Flavors.FLAVOR_ID);
        return e;
    }

    @Override
    protected void apply(RouterEntity e, Map<String, Object> r) {
        if (r.containsKey("name")) {
            e.name = (String) r.get("name");
        }
        if (r.containsKey("admin_state_up")) {
            e.adminStateUp = (Boolean) r.get("admin_state_up");
        }
        e.applyDescription(r);
    }

    /** The router first, then its gateway port, whose device_id is the router. */
    @Override
    protected RouterEntity insert(EntityManager em, RequestContext context, Map<String, Object> router) {
        RouterEntity e = super.insert(em, context, router);
        Map<String, Object> gateway = map(router.get(GATEWAY_INFO));
        if (gateway != null && gateway.get(NETWORK_ID) != null) {
            setGateway(em, context, e, gateway);
        }
        return e;
    }

    @Override
    protected void change(EntityManager em, RequestContext context, RouterEntity e, Map<String, Object> changes) {
        migrate(em, context, e, changes);
        apply(e, changes);
        if (changes.containsKey(GATEWAY_INFO)) {
            updateGateway(em, context, e, map(changes.get(GATEWAY_INFO)));
        }
        if (changes.containsKey(ROUTES)) {
            setRoutes(em, context, e, maps(changes.get(ROUTES)));
        }
        SnatPorts.sync(core, em, e);
    }

    /**
     * A new ha or distributed value (null means unchanged) needs the router down before this
     * request, as Neutron's router-admin-state-down-before-update; the interface ports then take
     * the device_owner of the router's new kind, as Neutron's migration does.
     */
    private void migrate(EntityManager em, RequestContext context, RouterEntity e, Map<String, Object> changes) {
        Boolean ha = (Boolean) changes.get(HA);
        Boolean distributed = (Boolean) changes.get(DISTRIBUTED);
        boolean haChanges = ha != null && ha != e.isHa();
        boolean distributedChanges = distributed != null && distributed != e.isDistributed();
        if (!haChanges && !distributedChanges) {
            return;
        }
        if (e.adminStateUp) {
            throw RouterErrors.activeRouterMigration(distributedChanges, haChanges);
        }
        String before = interfaceOwner(e);
        if (haChanges) {
            e.ha = ha;
        }
        if (distributedChanges) {
            e.distributed = distributed;
        }
        String after = interfaceOwner(e);
        if (!after.equals(before)) {
            for (String port : RouterPorts.interfacePortIds(em, e.id)) {
                core.updatePort(context, port, Map.of(CoreResources.DEVICE_OWNER, after));
            }
        }
    }

    /** Refused while interfaces remain (Neutron's RouterInUse); the gateway port goes with the router. */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, RouterEntity e) {
        List<String> attached = RouterPorts.interfacePortIds(em, e.id);
        if (!attached.isEmpty()) {
            throw RouterErrors.routerInUse(e.id, attached);
        }
        clearGateway(em, context, e);
        Routes.replace(em, e.id, List.of());
    }

    private void updateGateway(EntityManager em, RequestContext context, RouterEntity e, Map<String, Object> info) {
        String networkId = info == null ? null : (String) info.get(NETWORK_ID);
        if (networkId == null) {
            clearGateway(em, context, e);
        } else if (networkId.equals(e.gwNetworkId)) {
            e.enableSnat = enableSnat(info);
            if (info.get("external_fixed_ips") != null) {
                core.updatePort(CoreResources.ADMIN, e.gwPortId, Map.of(CoreResources.FIXED_IPS, info.get("external_fixed_ips")));
            }
        } else {
            clearGateway(em, context, e);
            setGateway(em, context, e, info);
        }
    }

    /** Neutron's _create_gw_port: the network must be external; the port belongs to no project. */
    private void setGateway(EntityManager em, RequestContext context, RouterEntity e, Map<String, Object> info) {
        String networkId = (String) info.get(NETWORK_ID);
        Map<String, Object> network = core.network(context, networkId);
        if (!Boolean.TRUE.equals(network.get("router:external"))) {
            throw RouterErrors.badRouterRequest("Network " + networkId + " is not an external network");
        }
        Map<String, Object> port = core.createPort(CoreResources.ADMIN, "", networkId, e.id, GATEWAY_OWNER,
                maps(info.get("external_fixed_ips")));
        e.gwPortId = (String) port.get("id");
        e.gwNetworkId = networkId;
        e.enableSnat = enableSnat(info);
    }

    /** ext-gw-mode's _get_enable_snat: as given, else enable_snat_by_default (true), also on an update. */
    private static boolean enableSnat(Map<String, Object> info) {
        return info.get("enable_snat") == null || (Boolean) info.get("enable_snat");
    }

    private void clearGateway(EntityManager em, RequestContext context, RouterEntity e) {
        if (e.gwPortId == null) {
            return;
        }
        if (FloatingIps.countOfRouter(em, e.id) > 0) {
            throw RouterErrors.gatewayInUseByFloatingIp(e.id, e.gwNetworkId);
        }
        String port = e.gwPortId;
        e.gwPortId = null;
        e.gwNetworkId = null;
        e.enableSnat = true;
        // routes through the gateway's subnets lose their nexthop, which Neutron refuses
        checkRoutes(em, context, e, Routes.of(em, e.id));
        // the port callback must see the port released before the core deletes it
        em.flush();
        core.deletePort(CoreResources.ADMIN, port);
    }

    private void setRoutes(EntityManager em, RequestContext context, RouterEntity e, List<Map<String, Object>> routes) {
        List<Map<String, Object>> wanted = routes == null ? List.of() : routes;
        checkRoutes(em, context, e, wanted);
        // the routes are the router's: its revision moves on with them, as Neutron's does
        em.lock(e, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        Routes.replace(em, e.id, wanted);
    }

    /**
     * Neutron's _validate_routes: each nexthop on a subnet of one of the router's ports (gateway
     * included), and not one of the router's own addresses.
     */
    private void checkRoutes(EntityManager em, RequestContext context, RouterEntity e,
            List<Map<String, Object>> routes) {
        if (routes.isEmpty()) {
            return;
        }
        List<Map<String, Object>> ips = new ArrayList<>();
        new RouterPorts(core, em, context, e).allPorts().forEach(p -> ips.addAll(CoreResources.fixedIps(p)));
        Map<String, Cidr> cidrs = new HashMap<>();
        for (Map<String, Object> ip : ips) {
            String subnet = (String) ip.get(SUBNET_ID);
            cidrs.computeIfAbsent(subnet, s -> Cidr.parse((String) core.subnet(context, s).get("cidr")));
        }
        for (Map<String, Object> route : routes) {
            String nexthop = (String) route.get("nexthop");
            if (cidrs.values().stream().noneMatch(c -> c.contains(nexthop))) {
                throw RouterErrors.invalidRoutes(routes, "the nexthop is not connected with router");
            }
            if (ips.stream().anyMatch(ip -> Cidr.parse(nexthop).equals(Cidr.parse((String) ip.get("ip_address"))))) {
                throw RouterErrors.invalidRoutes(routes, "the nexthop is used by router");
            }
        }
    }

    @Override
    public Map<String, Object> action(RequestContext context, String id, String action, Map<String, Object> body) {
        Map<String, Object> info = body == null ? Map.of() : body;
        return switch (action) {
            case "add_router_interface" -> Transactions.retrying(() -> jpa.txExpr(TransactionType.Required,
                    em -> new RouterPorts(core, em, context, find(em, id)).add(info)));
            case "remove_router_interface" -> Transactions.retrying(() -> jpa.txExpr(TransactionType.Required,
                    em -> new RouterPorts(core, em, context, find(em, id)).remove(info)));
            case "add_extraroutes" -> editRoutes(id, context, routesOf(info), true);
            case "remove_extraroutes" -> editRoutes(id, context, routesOf(info), false);
            default -> super.action(context, id, action, body);
        };
    }

    /**
     * extraroute-atomic: the routes given are added to (or taken from) the router's in one
     * transaction; the router's new revision makes a concurrent edit conflict and retry rather
     * than lose a route. The response is {@code {"router": ...}} as Neutron's.
     */
    private Map<String, Object> editRoutes(String id, RequestContext context, List<Map<String, Object>> given,
            boolean add) {
        return Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            RouterEntity e = find(em, id);
            List<Map<String, Object>> routes = new ArrayList<>(Routes.of(em, e.id));
            if (add) {
                given.stream().filter(r -> !routes.contains(r)).forEach(routes::add);
            } else {
                routes.removeAll(given);
            }
            setRoutes(em, context, e, routes);
            em.flush();
            return Map.<String, Object>of("router", view(em, e));
        }));
    }

    /** The {@code {"router": {"routes": [...]}}} body of the extraroute-atomic actions, checked as hostroutes. */
    private static List<Map<String, Object>> routesOf(Map<String, Object> body) {
        Map<String, Object> router = map(body.get("router"));
        Object routes = router == null ? null : router.get(ROUTES);
        String error = routes == null ? "a router with routes is expected"
                : Validators.get("type:hostroutes").validate(routes, null);
        if (error != null) {
            throw RouterErrors.badRouterRequest(error);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : maps(routes)) {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("destination", r.get("destination"));
            route.put("nexthop", r.get("nexthop"));
            out.add(route);
        }
        return out;
    }

    /** Adds the gateway's addresses (one core query for the whole page) and the routes (one query). */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<RouterEntity> routers) {
        List<Object> gwPorts = new ArrayList<>();
        routers.stream().filter(r -> r.gwPortId != null).forEach(r -> gwPorts.add(r.gwPortId));
        Map<String, Map<String, Object>> ports = new HashMap<>();
        if (!gwPorts.isEmpty()) {
            core.ports(CoreResources.ADMIN, Map.of("id", gwPorts)).forEach(p -> ports.put((String) p.get("id"), p));
        }
        Map<String, List<Map<String, Object>>> routes = Routes.ofRouters(em, routers.stream().map(r -> r.id).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        for (RouterEntity r : routers) {
            Map<String, Object> view = toMap(r);
            view.put(ROUTES, routes.getOrDefault(r.id, List.of()));
            if (r.gwPortId != null) {
                view.put(GATEWAY_INFO, gatewayInfo(r, ports.get(r.gwPortId)));
            }
            out.add(view);
        }
        return out;
    }

    private static Map<String, Object> gatewayInfo(RouterEntity r, Map<String, Object> port) {
        List<Map<String, Object>> fixed = new ArrayList<>();
        if (port != null) {
            for (Map<String, Object> ip : CoreResources.fixedIps(port)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(SUBNET_ID, ip.get(SUBNET_ID));
                m.put("ip_address", ip.get("ip_address"));
                fixed.add(m);
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put(NETWORK_ID, r.gwNetworkId);
        info.put("external_fixed_ips", fixed);
        info.put("enable_snat", r.enableSnat);
        return info;
    }

    @Override
    protected Map<String, Object> toMap(RouterEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        m.put("admin_state_up", e.adminStateUp);
        m.put("status", e.status);
        m.put(GATEWAY_INFO, null);
        m.put(ROUTES, List.of());
        m.put(DISTRIBUTED, e.isDistributed());
        m.put(HA, e.isHa());
        m.put(L3Flavors.FLAVOR_ID, e.flavorId);
        m.put("project_id", e.projectId);
        e.putStandardAttributes(m);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m && !m.isEmpty() ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
