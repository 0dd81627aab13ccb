package org.nucleon.ml2.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.ml2.addressscope.AddressScopes;
import org.nucleon.ml2.ipam.Ipam;
import org.nucleon.api.rbac.RbacJpaHandler;
import org.nucleon.ml2.rbac.RbacPolicyHandler;
import org.nucleon.ml2.spi.Segment;
import org.nucleon.ml2.type.TypeManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Networks of the ML2 plugin, persisted in its own unit, with their segments (provider,
 * multi-provider), MTU (net-mtu, net-mtu-writable), router:external and port_security_enabled.
 * {@code shared} and {@code router:external} are RBAC policies, as in Neutron: the owner's
 * wildcard access_as_shared, and any access_as_external.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=networks")
public class NetworkHandler extends RbacJpaHandler<NetworkEntity> {
    static final String ACTIVE = "ACTIVE";
    static final String MTU = "mtu";
    static final String ROUTER_EXTERNAL = "router:external";
    static final String PORT_SECURITY = "port_security_enabled";
    static final String SHARED = "shared";
    static final String OBJECT_TYPE = "network";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name", "tenant_id", "projectId",
            "project_id", "projectId", "admin_state_up", "adminStateUp", "status", "status", MTU, "mtu");
    /** Provider filters to the segment field they match. */
    private static final Map<String, String> SEGMENT_COLUMNS = Map.of(TypeManager.NETWORK_TYPE, "networkType",
            TypeManager.PHYSICAL_NETWORK, "physicalNetwork", TypeManager.SEGMENTATION_ID, "segmentationId");

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    TypeManager types;

    @Reference
    RbacPolicyHandler rbac;

    public NetworkHandler() {
        super(NetworkEntity.class, "Network", COLUMNS, OBJECT_TYPE, n -> n.id, n -> n.projectId);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected RbacPolicies rbac() {
        return rbac;
    }

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return "network";
    }

    /** With its {@code shared} (by the base class) and {@code router:external} policies. */
    @Override
    protected NetworkEntity insert(EntityManager em, RequestContext context, Map<String, Object> network) {
        NetworkEntity e = super.insert(em, context, network);
        boolean external = Boolean.TRUE.equals(network.get(ROUTER_EXTERNAL));
        if (external) {
            rbac.grantAll(OBJECT_TYPE, e.id, e.projectId, RbacPolicies.ACCESS_AS_EXTERNAL);
        }
        e.written = new LinkedHashMap<>();
        e.written.put("subnets", List.of());
        e.written.put(SHARED, Boolean.TRUE.equals(network.get(SHARED)));
        e.written.put(ROUTER_EXTERNAL, external);
        e.written.putAll(AddressScopes.none());
        return e;
    }

    /** A new network's segments, then the MTU they allow; on update, the provider and MTU changes. */
    @Override
    protected void check(EntityManager em, NetworkEntity e, Map<String, Object> body, boolean create) {
        if (create) {
            List<Segment> segments = types.createSegments(em, body);
            for (Segment s : segments) {
                addSegment(e, s);
            }
            e.mtu = mtu(body.get(MTU), types.maxMtu(segments));
            return;
        }
        updateProvider(em, e, body);
        if (body.containsKey(MTU)) {
            e.mtu = mtu(body.get(MTU), types.maxMtu(segments(e)));
        }
    }

    private static void addSegment(NetworkEntity e, Segment s) {
        SegmentEntity row = new SegmentEntity();
        row.id = UUID.randomUUID().toString();
        row.network = e;
        row.segmentIndex = e.segments.size();
        row.networkType = s.networkType();
        row.physicalNetwork = s.physicalNetwork();
        row.segmentationId = s.segmentationId();
        e.segments.add(row);
    }

    /** A requested MTU within the maximum; absent or 0 means the maximum (neutron-lib's default 0). */
    private static int mtu(Object requested, int max) {
        int mtu = requested == null ? 0 : ((Number) requested).intValue();
        if (mtu > max) {
            throw NeutronException.invalidInput("Requested MTU is too big, maximum is " + max);
        }
        return mtu == 0 ? max : mtu;
    }

    @Override
    protected NetworkEntity newEntity(RequestContext context, Map<String, Object> network) {
        NetworkEntity e = new NetworkEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) network.get("tenant_id");
        e.status = ACTIVE;
        return e;
    }

    @Override
    protected void apply(NetworkEntity e, Map<String, Object> n) {
        if (n.containsKey("name")) {
            e.name = (String) n.get("name");
        }
        if (n.containsKey("admin_state_up")) {
            e.adminStateUp = (Boolean) n.get("admin_state_up");
        }
        if (n.containsKey(PORT_SECURITY)) {
            e.portSecurityEnabled = (Boolean) n.get(PORT_SECURITY);
        }
        e.applyDescription(n);
    }

    @Override
    protected void change(EntityManager em, RequestContext context, NetworkEntity e, Map<String, Object> changes) {
        super.change(em, context, e, changes);
        if (Boolean.TRUE.equals(changes.get(ROUTER_EXTERNAL))) {
            rbac.grantAll(OBJECT_TYPE, e.id, e.projectId, RbacPolicies.ACCESS_AS_EXTERNAL);
        } else if (Boolean.FALSE.equals(changes.get(ROUTER_EXTERNAL))) {
            // the router plugin refuses it (ExternalNetworkInUse) while gateways use the network
            rbac.revokeAll(OBJECT_TYPE, e.id, RbacPolicies.ACCESS_AS_EXTERNAL);
        }
    }

    /** Neutron's _validate_shared_update: unsharing fails while other projects depend on the network. */
    @Override
    protected void writeShared(RequestContext context, NetworkEntity e, Map<String, Object> body) {
        try {
            super.writeShared(context, e, body);
        } catch (NeutronException ex) {
            if (!"RbacPolicyInUse".equals(ex.type())) {
                throw ex;
            }
            throw NeutronException.conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for "
                    + "network " + e.id + ". Multiple tenants are using it.");
        }
    }

    /**
     * Provider attributes may be repeated unchanged; of the changes, Neutron only takes a new
     * segmentation_id on a single-segment VLAN network. A {@code segments} list in an update is
     * ignored, as Neutron does.
     */
    private void updateProvider(EntityManager em, NetworkEntity e, Map<String, Object> changes) {
        if (TypeManager.PROVIDER_ATTRIBUTES.stream().noneMatch(changes::containsKey)) {
            return;
        }
        if (e.segments.size() != 1) {
            throw NeutronException.invalidInput("Provider network attributes can be updated only in provider "
                    + "networks with a single segment.");
        }
        SegmentEntity row = e.segments.get(0);
        Segment current = row.segment();
        if (changed(changes, TypeManager.NETWORK_TYPE, current.networkType())
                || changed(changes, TypeManager.PHYSICAL_NETWORK, current.physicalNetwork())) {
            throw NeutronException.invalidInput("Plugin does not support updating the following provider network "
                    + "attributes: provider:network_type, provider:physical_network");
        }
        Object id = changes.get(TypeManager.SEGMENTATION_ID);
        // 0 is no value to Neutron here
        if (id instanceof Number n && n.longValue() != 0 && !Long.valueOf(n.longValue()).equals(
                current.segmentationId())) {
            row.segmentationId = types.updateSegmentationId(em, current, n.longValue()).segmentationId();
        }
    }

    private static boolean changed(Map<String, Object> changes, String key, String current) {
        return changes.containsKey(key) && !changes.get(key).equals(current);
    }

    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, NetworkEntity e) {
        types.releaseSegments(em, segments(e));
        super.beforeRemove(em, context, e);
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        Map<String, List<Object>> providerFilters = new LinkedHashMap<>();
        query.filters().forEach((k, v) -> {
            if (SEGMENT_COLUMNS.containsKey(k)) {
                providerFilters.put(k, v);
            }
        });
        if (providerFilters.isEmpty()) {
            return super.list(context, query);
        }
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<String> ids = networksWithSegment(em, providerFilters);
            CriteriaBuilder cb = em.getCriteriaBuilder();
            return ids.isEmpty() ? List.<Map<String, Object>>of() : views(em, context, page(em, context, query,
                    root -> cb.and(root.get("id").in(ids), filter(context, query, root, cb))));
        });
    }

    /** {@code shared} and {@code router:external} filters, which RBAC policies answer (Neutron's query hooks). */
    @Override
    protected Predicate filter(RequestContext context, ListQuery query, Root<NetworkEntity> root,
            CriteriaBuilder cb) {
        Predicate shared = super.filter(context, query, root, cb);
        List<Object> external = query.filters().get(ROUTER_EXTERNAL);
        return external == null ? shared : cb.and(shared, RbacPolicies.filter(cb, root.get("id"), external,
                rbac.withPolicy(OBJECT_TYPE, null, RbacPolicies.ACCESS_AS_EXTERNAL, null)));
    }

    /**
     * The network the caller may put ports and subnets on: its own, one shared with its project
     * or everyone, or any as admin; otherwise NetworkNotFound, as Neutron does not show it.
     */
    public static NetworkEntity usable(EntityManager em, RbacPolicies rbac, RequestContext context, String id) {
        NetworkEntity n = id == null ? null : em.find(NetworkEntity.class, id);
        if (n == null || !rbac.usable(context, OBJECT_TYPE, id, n.projectId)) {
            throw NeutronException.notFound("Network", id);
        }
        return n;
    }

    /** Networks with a segment that matches all the provider filters, as Neutron's network_matches_filters. */
    private static List<String> networksWithSegment(EntityManager em, Map<String, List<Object>> filters) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<String> q = cb.createQuery(String.class);
        Root<SegmentEntity> s = q.from(SegmentEntity.class);
        List<Predicate> where = new ArrayList<>();
        filters.forEach((attr, values) -> {
            String field = SEGMENT_COLUMNS.get(attr);
            // segmentation ids come as Integer or Long; the column is a Long
            List<Object> typed = field.equals("segmentationId")
                    ? values.stream().map(v -> (Object) ((Number) v).longValue()).toList() : values;
            where.add(s.get(field).in(typed));
        });
        q.select(s.get("network").get("id")).distinct(true).where(where.toArray(Predicate[]::new));
        return em.createQuery(q).getResultList();
    }

    private static List<Segment> segments(NetworkEntity e) {
        return e.segments.stream().map(SegmentEntity::segment).toList();
    }

    /**
     * Networks this transaction created answer with what it wrote (their {@code shared} too),
     * reading none of the other tables.
     */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, RequestContext context, List<NetworkEntity> networks) {
        // a page read for showing holds shared, unmanaged entities: only one this transaction created has its own view
        if (networks.stream().allMatch(n -> n.written != null && em.contains(n))) {
            return networks.stream().map(n -> {
                Map<String, Object> v = toMap(n);
                v.putAll(n.written);
                return v;
            }).toList();
        }
        return super.views(em, context, networks);
    }

    /** Adds what other tables hold: the network's subnets and the address scopes of their pools. */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<NetworkEntity> networks) {
        List<Map<String, Object>> out = super.views(em, networks);
        List<String> ids = networks.stream().map(n -> n.id).toList();
        Map<String, List<Ipam.NetworkSubnet>> subnets = Ipam.subnetsOf(em, ids);
        Map<String, Map<String, Object>> scopes = AddressScopes.ofNetworks(em, subnets);
        for (Map<String, Object> view : out) {
            String id = (String) view.get("id");
            view.put("subnets", subnets.getOrDefault(id, List.of()).stream().map(Ipam.NetworkSubnet::id).toList());
            view.putAll(scopes.getOrDefault(id, AddressScopes.none()));
        }
        return out;
    }

    /** router:external is any access_as_external policy, read with those giving {@code shared}. */
    @Override
    protected Map<String, String> anyPolicyAttributes() {
        return Map.of(ROUTER_EXTERNAL, RbacPolicies.ACCESS_AS_EXTERNAL);
    }

    @Override
    protected Map<String, Object> toMap(NetworkEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        m.put("admin_state_up", e.adminStateUp);
        m.put(MTU, e.mtu);
        m.put("status", e.status);
        m.put("subnets", List.of());
        m.put(SHARED, false); // views() reads it, and router:external, from the policies
        m.put("project_id", e.projectId);
        m.put(PORT_SECURITY, e.portSecurityEnabled);
        m.put(ROUTER_EXTERNAL, false);
        putSegments(m, segments(e));
        e.putStandardAttributes(m);
        return m;
    }

    /** One segment shows as provider attributes, several as the multi-provider list (Neutron's choice). */
    private static void putSegments(Map<String, Object> m, List<Segment> segments) {
        if (segments.size() > 1) {
            List<Map<String, Object>> list = new ArrayList<>();
            segments.forEach(s -> list.add(providerAttributes(s)));
            m.put(TypeManager.SEGMENTS, list);
        } else if (segments.size() == 1) {
            m.putAll(providerAttributes(segments.get(0)));
        } else {
            TypeManager.PROVIDER_ATTRIBUTES.forEach(a -> m.put(a, null));
        }
    }

    private static Map<String, Object> providerAttributes(Segment s) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(TypeManager.NETWORK_TYPE, s.networkType());
        p.put(TypeManager.PHYSICAL_NETWORK, s.physicalNetwork());
        p.put(TypeManager.SEGMENTATION_ID, s.segmentationId());
        return p;
    }
}
