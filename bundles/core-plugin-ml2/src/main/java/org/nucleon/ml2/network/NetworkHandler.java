package org.nucleon.ml2.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.criteria.AbstractQuery;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.ml2.addressscope.AddressScopes;
import org.nucleon.ml2.ipam.Ipam;
import org.nucleon.ml2.spi.Segment;
import org.nucleon.ml2.type.TypeManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Networks of the ML2 plugin, persisted in its own unit, with their segments (provider,
 * multi-provider), MTU (net-mtu, net-mtu-writable), router:external and port_security_enabled.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=networks")
public class NetworkHandler extends JpaResourceHandler<NetworkEntity> {
    static final String ACTIVE = "ACTIVE";
    static final String MTU = "mtu";
    static final String ROUTER_EXTERNAL = "router:external";
    static final String PORT_SECURITY = "port_security_enabled";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name", "tenant_id", "projectId",
            "project_id", "projectId", "admin_state_up", "adminStateUp", "status", "status", "shared", "shared",
            MTU, "mtu", ROUTER_EXTERNAL, "routerExternal");
    /** Provider filters to the segment field they match. */
    private static final Map<String, String> SEGMENT_COLUMNS = Map.of(TypeManager.NETWORK_TYPE, "networkType",
            TypeManager.PHYSICAL_NETWORK, "physicalNetwork", TypeManager.SEGMENTATION_ID, "segmentationId");

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    TypeManager types;

    public NetworkHandler() {
        super(NetworkEntity.class, "Network", COLUMNS);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    @Override
    protected String eventResource() {
        return "network";
    }

    /** Neutron's order: the network, then its segments, then the MTU they allow. */
    @Override
    protected NetworkEntity insert(EntityManager em, RequestContext context, Map<String, Object> network) {
        NetworkEntity e = newEntity(context, network);
        apply(e, network);
        List<Segment> segments = types.createSegments(em, network);
        for (Segment s : segments) {
            addSegment(e, s);
        }
        e.mtu = mtu(network.get(MTU), types.maxMtu(segments));
        em.persist(e);
        return e;
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
        if (n.containsKey("shared")) {
            e.shared = (Boolean) n.get("shared");
        }
        if (n.containsKey(ROUTER_EXTERNAL)) {
            e.routerExternal = (Boolean) n.get(ROUTER_EXTERNAL);
        }
        if (n.containsKey(PORT_SECURITY)) {
            e.portSecurityEnabled = (Boolean) n.get(PORT_SECURITY);
        }
        e.applyDescription(n);
    }

    @Override
    protected void change(EntityManager em, RequestContext context, NetworkEntity e, Map<String, Object> changes) {
        updateProvider(em, e, changes);
        apply(e, changes);
        if (changes.containsKey(MTU)) {
            e.mtu = mtu(changes.get(MTU), types.maxMtu(segments(e)));
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
            return ids.isEmpty() ? List.<Map<String, Object>>of() : views(em, page(em, context, query,
                    root -> root.get("id").in(ids)));
        });
    }

    /**
     * Besides its own and shared ones, a project sees external networks, as Neutron's network
     * query does through its RBAC entries (access_as_shared to '*', access_as_external).
     */
    @Override
    protected Predicate visibleTo(CriteriaBuilder cb, AbstractQuery<?> query, Root<NetworkEntity> root,
            RequestContext context) {
        return cb.or(super.visibleTo(cb, query, root, context), cb.isTrue(root.get("routerExternal")));
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

    /** Adds what other tables hold: the network's subnets and the address scopes of their pools. */
    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<NetworkEntity> networks) {
        List<Map<String, Object>> out = super.views(em, networks);
        List<String> ids = networks.stream().map(n -> n.id).toList();
        Map<String, List<String>> subnets = Ipam.subnetIdsOf(em, ids);
        Map<String, Map<String, Object>> scopes = AddressScopes.ofNetworks(em, ids);
        for (Map<String, Object> view : out) {
            String id = (String) view.get("id");
            view.put("subnets", subnets.getOrDefault(id, List.of()));
            view.putAll(scopes.get(id));
        }
        return out;
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
        m.put("shared", e.shared);
        m.put("project_id", e.projectId);
        m.put(PORT_SECURITY, e.portSecurityEnabled);
        m.put(ROUTER_EXTERNAL, e.routerExternal);
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
