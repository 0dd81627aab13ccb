package org.nucleon.ml2.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.criteria.AbstractQuery;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.persistence.Visibility;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.api.validation.Validators;
import org.nucleon.ml2.ipam.IpAllocationEntity;
import org.nucleon.ml2.ipam.Ipam;
import org.nucleon.ml2.mechanism.MechanismManager;
import org.nucleon.ml2.network.NetworkEntity;
import org.nucleon.ml2.network.NetworkHandler;
import org.nucleon.ml2.securitygroup.SecurityGroups;
import org.nucleon.ml2.type.Ml2Config;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Ports of the ML2 plugin: a MAC unique on the network, fixed IPs from IPAM, security groups
 * (the project's default unless asked otherwise), port security, allowed address pairs, extra
 * DHCP options and binding through the mechanism drivers, all in one transaction per request.
 */
@Component(service = {ResourceHandler.class, PortHandler.class}, property = ResourceHandler.COLLECTION + "=ports",
        configurationPid = Ml2Config.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class PortHandler extends JpaResourceHandler<PortEntity> {
    static final String DEFAULT_BASE_MAC = "fa:16:3e:00:00:00";
    static final String DOWN = "DOWN";
    static final String PORT_SECURITY = "port_security_enabled";
    static final String SECURITY_GROUPS = "security_groups";
    static final String FIXED_IPS = "fixed_ips";
    static final String PAIRS = "allowed_address_pairs";
    static final String DHCP_OPTS = "extra_dhcp_opts";
    static final String HOST = "binding:host_id";
    static final String VNIC_TYPE = "binding:vnic_type";
    static final String PROFILE = "binding:profile";
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("id", "id"),
            Map.entry("name", "name"), Map.entry("network_id", "networkId"), Map.entry("tenant_id", "projectId"),
            Map.entry("project_id", "projectId"), Map.entry("admin_state_up", "adminStateUp"),
            Map.entry("mac_address", "macAddress"), Map.entry("device_id", "deviceId"),
            Map.entry("device_owner", "deviceOwner"), Map.entry("status", "status"), Map.entry(HOST, "hostId"),
            Map.entry("description", "description"));

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    SecurityGroups groups;

    @Reference
    MechanismManager mechanisms;

    @Reference
    RbacPolicies rbac;

    private volatile MacAddresses macs = new MacAddresses(DEFAULT_BASE_MAC);
    private final PortChildren children = new PortChildren();

    public PortHandler() {
        super(PortEntity.class, "Port", COLUMNS);
    }

    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        macs = new MacAddresses(String.valueOf(properties.getOrDefault("base_mac", DEFAULT_BASE_MAC)).strip());
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
        return "port";
    }

    /**
     * Each project gets its default group before the transaction, as Neutron's BEFORE_CREATE
     * handler does. What this server knows of the addresses of the ports' networks is read again
     * after a create that failed, as it may have taken addresses it did not keep.
     */
    @Override
    public List<Map<String, Object>> createBulk(RequestContext context, List<Map<String, Object>> ports) {
        Set<String> projects = new LinkedHashSet<>();
        ports.stream().filter(p -> !p.containsKey(SECURITY_GROUPS) && !networkOwned(p.get("device_owner")))
                .forEach(p -> projects.add((String) p.get("tenant_id")));
        projects.forEach(p -> groups.ensureDefault(context, p));
        try {
            return super.createBulk(context, ports);
        } catch (RuntimeException e) {
            ports.stream().map(p -> p.get("network_id")).filter(String.class::isInstance).distinct()
                    .forEach(n -> Ipam.forgetNetwork((String) n));
            Optional<NeutronException> macs = macGenerationFailed(e, ports);
            throw macs.isPresent() ? macs.get() : e;
        }
    }

    /**
     * Every attempt lost on a unique key: addresses are re-read between attempts, so with a
     * generated MAC it is the network's MACs that ran out, Neutron's 503 MacAddressGenerationFailure.
     * Attempts that ran out on deadlocks or lock time-outs are no such thing, and go on as they are.
     */
    private static Optional<NeutronException> macGenerationFailed(RuntimeException e, List<Map<String, Object>> ports) {
        if (!Transactions.isDuplicate(e)) {
            return Optional.empty();
        }
        return ports.stream().filter(p -> p.get("mac_address") == null).map(p -> p.get("network_id")).findFirst()
                .map(n -> new NeutronException(503, "MacAddressGenerationFailure",
                        "Unable to generate unique mac on network " + n + "."));
    }

    @Override
    protected PortEntity newEntity(RequestContext context, Map<String, Object> port) {
        PortEntity p = new PortEntity();
        p.id = UUID.randomUUID().toString();
        p.networkId = (String) port.get("network_id");
        p.projectId = (String) port.get("tenant_id");
        p.status = DOWN;
        return p;
    }

    @Override
    protected PortEntity insert(EntityManager em, RequestContext context, Map<String, Object> port) {
        PortEntity p = newEntity(context, port);
        NetworkEntity network = NetworkHandler.usable(em, rbac, context, p.networkId);
        apply(p, port);
        p.portSecurityEnabled = port.containsKey(PORT_SECURITY) ? (Boolean) port.get(PORT_SECURITY)
                : !networkOwned(p.deviceOwner) && network.portSecurityEnabled();
        Object mac = port.get("mac_address");
        if (mac != null) {
            if (MacAddresses.inUse(em, p.networkId, (String) mac)) {
                throw MacAddresses.macInUse(p.networkId, (String) mac);
            }
            p.macAddress = (String) mac;
        } else {
            p.macAddress = macs.free(em, p.networkId);
        }
        em.persist(p);
        boolean defaultGroup = !port.containsKey(SECURITY_GROUPS) && p.portSecurityEnabled
                && !networkOwned(p.deviceOwner);
        List<String> defaults = List.of();
        if (defaultGroup) {
            // the project's own default group needs no check: inserted with the port's rows, its
            // foreign key says whether the group (maybe known from an earlier request) still exists
            defaults = List.of(groups.ensureDefault(context, p.projectId));
            groups.bind(em, p.id, defaults);
        }
        List<Map<String, Object>> ips;
        try {
            ips = Ipam.allocate(em, p.networkId, p.id, list(port.get(FIXED_IPS)), p.macAddress, p.deviceOwner);
        } catch (PersistenceException e) {
            if (defaultGroup) {
                groups.forgetDefault(p.projectId);
            }
            throw e;
        }
        List<String> bound = defaultGroup ? requireAddressForGroups(p, defaults, !ips.isEmpty())
                : bindGroups(em, context, p, strings(port.get(SECURITY_GROUPS)), !ips.isEmpty());
        List<?> pairs = list(port.get(PAIRS));
        if (pairs != null) {
            requirePortSecurityForPairs(p, pairs);
        }
        List<Map<String, Object>> pairViews = pairs == null ? List.of() : PortExtras.setPairs(em, p, pairs);
        List<Map<String, Object>> optViews = list(port.get(DHCP_OPTS)) == null ? List.of()
                : PortExtras.setDhcpOpts(em, p.id, list(port.get(DHCP_OPTS)));
        p.written = written(ips, bound, pairViews, optViews);
        PortBindings.bind(mechanisms, context, p, network, views(em, List.of(p)).get(0));
        return p;
    }

    @Override
    protected void apply(PortEntity p, Map<String, Object> port) {
        if (port.containsKey("name")) {
            p.name = (String) port.get("name");
        }
        if (port.containsKey("admin_state_up")) {
            p.adminStateUp = (Boolean) port.get("admin_state_up");
        }
        if (port.containsKey("device_id")) {
            p.deviceId = (String) port.get("device_id");
        }
        if (port.containsKey("device_owner")) {
            p.deviceOwner = (String) port.get("device_owner");
        }
        if (port.containsKey(HOST)) {
            String host = port.get(HOST) == null ? "" : port.get(HOST).toString();
            // Neutron's map has no validator for it; the column holds 255 characters
            String tooLong = Validators.get("type:string").validate(host, 255);
            if (tooLong != null) {
                throw NeutronException.badRequest("Invalid input for " + HOST + ". Reason: " + tooLong + ".");
            }
            p.hostId = host;
        }
        if (port.containsKey(VNIC_TYPE)) {
            p.vnicType = (String) port.get(VNIC_TYPE);
        }
        if (port.containsKey(PROFILE)) {
            p.profile = PortBindings.write(port.get(PROFILE));
        }
        p.applyDescription(port);
    }

    @Override
    protected void change(EntityManager em, RequestContext context, PortEntity p, Map<String, Object> changes) {
        NetworkEntity network = network(em, p.networkId);
        String owner = p.deviceOwner;
        String host = p.hostId;
        String vnic = p.vnicType;
        String profile = p.profile;
        Object mac = changes.get("mac_address");
        if (mac != null && !mac.equals(p.macAddress)) {
            if (PortBindings.bound(p)) {
                throw NeutronException.conflict("PortBound", "Unable to complete operation on port " + p.id
                        + ", port is already bound, port type: " + p.vifType + ", old_mac " + p.macAddress
                        + ", new_mac " + mac + ".");
            }
            if (MacAddresses.inUse(em, p.networkId, (String) mac)) {
                throw MacAddresses.macInUse(p.networkId, (String) mac);
            }
            p.macAddress = (String) mac;
        }
        apply(p, changes);
        if (changes.containsKey(PORT_SECURITY)) {
            p.portSecurityEnabled = (Boolean) changes.get(PORT_SECURITY);
        }
        List<Map<String, Object>> ips;
        if (changes.containsKey(FIXED_IPS) || !Objects.equals(owner, p.deviceOwner)) {
            List<Map<String, Object>> wanted = changes.containsKey(FIXED_IPS) ? fixedIps(changes.get(FIXED_IPS))
                    : Ipam.fixedIpsOf(em, PageKeys.of(List.of(p.id))).getOrDefault(p.id, List.of());
            ips = Ipam.update(em, p.id, p.networkId, wanted, p.macAddress, p.deviceOwner);
        } else {
            ips = Ipam.fixedIpsOf(em, PageKeys.of(List.of(p.id))).getOrDefault(p.id, List.of());
        }
        if (changes.containsKey(SECURITY_GROUPS)) {
            groups.unbind(em, p.id);
            bindGroups(em, context, p, strings(changes.get(SECURITY_GROUPS)), !ips.isEmpty());
        } else if (!groups.groupsOf(em, PageKeys.of(List.of(p.id))).get(p.id).isEmpty() && (!p.portSecurityEnabled
                || ips.isEmpty())) {
            throw NeutronException.conflict("PortSecurityPortHasSecurityGroup", "Port has security group associated. "
                    + "Cannot disable port security or ip address until security group is removed");
        }
        if (changes.containsKey(PAIRS)) {
            List<?> pairs = list(changes.get(PAIRS));
            requirePortSecurityForPairs(p, pairs == null ? List.of() : pairs);
            PortExtras.setPairs(em, p, pairs == null ? List.of() : pairs);
        } else if (!p.portSecurityEnabled && PortExtras.hasPairs(em, p.id)) {
            requirePortSecurityForPairs(p, List.of("any"));
        }
        if (list(changes.get(DHCP_OPTS)) != null) {
            PortExtras.setDhcpOpts(em, p.id, list(changes.get(DHCP_OPTS)));
        }
        if (!Objects.equals(host, p.hostId) || !Objects.equals(vnic, p.vnicType) || !Objects.equals(profile,
                p.profile)) {
            PortBindings.bind(mechanisms, context, p, network, toMap(p));
        }
    }

    /**
     * Frees what the port holds outside its own row. A table its view shows nothing of is left
     * alone: Derby answers a delete of no row with a warning that carries a stack trace, and most
     * ports have no pairs, no DHCP options, and often no groups.
     */
    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, PortEntity p, Map<String, Object> view) {
        Ipam.release(em, p.id);
        if (holds(view, SECURITY_GROUPS)) {
            groups.unbind(em, p.id);
        }
        if (holds(view, PAIRS)) {
            PortExtras.removePairs(em, p.id);
        }
        if (holds(view, DHCP_OPTS)) {
            PortExtras.removeDhcpOpts(em, p.id);
        }
    }

    /** Whether the view may show something of the attribute: anything but an empty list. */
    private static boolean holds(Map<String, Object> view, String attribute) {
        return !(view.get(attribute) instanceof List<?> shown && shown.isEmpty());
    }

    /** Neutron's rule: groups need port security and an address; then each must exist. Returns them sorted. */
    private List<String> bindGroups(EntityManager em, RequestContext context, PortEntity p, List<String> requested,
            boolean hasAddress) {
        if (requireAddressForGroups(p, requested, hasAddress).isEmpty()) {
            return List.of();
        }
        List<String> valid = groups.validateGroups(em, context, p.projectId, requested);
        groups.bind(em, p.id, valid);
        return valid.stream().sorted().toList();
    }

    /** Neutron's rule that groups need port security and an address; returns the groups. */
    private static List<String> requireAddressForGroups(PortEntity p, List<String> groups, boolean hasAddress) {
        if (!groups.isEmpty() && (!p.portSecurityEnabled || !hasAddress)) {
            throw new NeutronException(400, "PortSecurityAndIPRequiredForSecurityGroups",
                    "Port security must be enabled and port must have an IP address in order to use security groups.");
        }
        return groups;
    }

    private static Map<String, Object> written(List<Map<String, Object>> ips, List<String> groups,
            List<Map<String, Object>> pairs, List<Map<String, Object>> opts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(FIXED_IPS, ips);
        m.put(SECURITY_GROUPS, groups);
        m.put(PAIRS, pairs);
        m.put(DHCP_OPTS, opts);
        return m;
    }

    private static void requirePortSecurityForPairs(PortEntity p, List<?> pairs) {
        if (!pairs.isEmpty() && !p.portSecurityEnabled) {
            throw NeutronException.conflict("AddressPairAndPortSecurityRequired",
                    "Port Security must be enabled in order to have allowed address pairs on a port.");
        }
    }

    private static NetworkEntity network(EntityManager em, String networkId) {
        NetworkEntity n = em.find(NetworkEntity.class, networkId);
        if (n == null) {
            throw NeutronException.notFound("Network", networkId);
        }
        return n;
    }

    /** Ports Neutron's services own (DHCP, router, ...) get no default group and no port security by default. */
    static boolean networkOwned(Object deviceOwner) {
        return deviceOwner instanceof String s && s.startsWith("network:");
    }

    /** The fixed_ips filter ({@code ?fixed_ips=ip_address=10.0.0.5&fixed_ips=subnet_id=...}) on top of the columns. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Object> fixedIpFilters = query.filters().get(FIXED_IPS);
        if (fixedIpFilters == null) {
            // no restriction beyond the columns' (no filter() here), so an unfiltered page is known to hold its id range
            return jpa.txExpr(TransactionType.Supports, em -> views(em, context, page(em, context, query, null)));
        }
        List<Object> addresses = new ArrayList<>();
        List<Object> subnets = new ArrayList<>();
        for (Object f : fixedIpFilters) {
            Map<?, ?> kv = (Map<?, ?>) f;
            addresses.addAll(listOrEmpty(kv.get("ip_address")));
            subnets.addAll(listOrEmpty(kv.get("subnet_id")));
        }
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<String> holders = portsHolding(em, addresses, subnets);
            return holders.isEmpty() ? List.<Map<String, Object>>of() : views(em, page(em, context, query,
                    root -> root.get("id").in(holders)));
        });
    }

    /** A project sees its ports and the ports on its networks, as Neutron's port filter hook. */
    @Override
    protected Predicate visibleTo(CriteriaBuilder cb, AbstractQuery<?> query, Root<PortEntity> root,
            RequestContext context) {
        return cb.or(super.visibleTo(cb, query, root, context), Visibility.references(cb, query,
                root.get("networkId"), NetworkEntity.class, "id", (b, n) -> Visibility.ownedBy(b, n.get("projectId"),
                        context)));
    }

    /** Ports with an address that is one of the addresses (if any given) on one of the subnets (if any). */
    private static List<String> portsHolding(EntityManager em, List<Object> addresses, List<Object> subnets) {
        var cb = em.getCriteriaBuilder();
        var q = cb.createQuery(String.class);
        Root<IpAllocationEntity> a = q.from(IpAllocationEntity.class);
        List<Predicate> where = new ArrayList<>();
        if (!addresses.isEmpty()) {
            where.add(a.get("ipAddress").in(addresses));
        }
        if (!subnets.isEmpty()) {
            where.add(a.get("subnetId").in(subnets));
        }
        q.select(a.get("portId")).distinct(true).where(where.toArray(Predicate[]::new));
        return em.createQuery(q).getResultList();
    }

    @Override
    protected List<Map<String, Object>> views(EntityManager em, List<PortEntity> ports) {
        // a page read for showing holds shared, unmanaged entities: only a port this transaction wrote has its own view
        if (ports.stream().allMatch(p -> p.written != null && em.contains(p))) {
            return ports.stream().map(p -> {
                Map<String, Object> v = toMap(p);
                v.putAll(p.written);
                return v;
            }).toList();
        }
        boolean keep = PortChildren.usable(em);
        PortChildren.Rows[] rows = new PortChildren.Rows[ports.size()];
        List<PortEntity> unknown = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = keep ? children.get(ports.get(i)) : null;
            if (rows[i] == null) {
                unknown.add(ports.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            // the whole page when none was known, so an unfiltered page is still read by its id range
            PageKeys ids = PageKeys.of(em, "PortEntity", unknown.size() == rows.length ? ports : unknown, p -> p.id);
            Map<String, List<Map<String, Object>>> ips = Ipam.fixedIpsOf(em, ids);
            Map<String, List<String>> sgs = groups.groupsOf(em, ids);
            Map<String, List<Map<String, Object>>> pairs = PortExtras.pairsOf(em, ids);
            Map<String, List<Map<String, Object>>> opts = PortExtras.dhcpOptsOf(em, ids);
            for (int i = 0; i < rows.length; i++) {
                PortEntity p = ports.get(i);
                if (rows[i] == null) {
                    rows[i] = new PortChildren.Rows(p.revision(), ips.getOrDefault(p.id, List.of()),
                            sgs.getOrDefault(p.id, List.of()), pairs.getOrDefault(p.id, List.of()),
                            opts.getOrDefault(p.id, List.of()));
                    if (keep) {
                        children.put(p.id, rows[i]);
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            Map<String, Object> v = toMap(ports.get(i));
            v.put(FIXED_IPS, rows[i].fixedIps());
            v.put(SECURITY_GROUPS, rows[i].groups());
            v.put(PAIRS, rows[i].pairs());
            v.put(DHCP_OPTS, rows[i].dhcpOpts());
            out.add(v);
        }
        return out;
    }

    /** The port's own columns, in the order Neutron shows them; list attributes are filled by {@link #views}. */
    @Override
    protected Map<String, Object> toMap(PortEntity p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id);
        m.put("name", p.name);
        m.put("network_id", p.networkId);
        m.put("tenant_id", p.projectId);
        m.put("mac_address", p.macAddress);
        m.put("admin_state_up", p.adminStateUp);
        m.put("status", p.status);
        m.put("device_id", p.deviceId);
        m.put("device_owner", p.deviceOwner);
        m.put(FIXED_IPS, List.of());
        m.put("project_id", p.projectId);
        m.put(PORT_SECURITY, p.portSecurityEnabled);
        m.put(SECURITY_GROUPS, List.of());
        m.put(VNIC_TYPE, p.vnicType);
        m.put(PROFILE, PortBindings.read(p.profile));
        m.put(HOST, p.hostId);
        m.put("binding:vif_type", p.vifType);
        m.put("binding:vif_details", PortBindings.read(p.vifDetails));
        m.put(PAIRS, List.of());
        m.put(DHCP_OPTS, List.of());
        m.put("ip_allocation", "immediate");
        p.putStandardAttributes(m);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fixedIps(Object v) {
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object v) {
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : null;
    }

    private static List<?> listOrEmpty(Object v) {
        return v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
