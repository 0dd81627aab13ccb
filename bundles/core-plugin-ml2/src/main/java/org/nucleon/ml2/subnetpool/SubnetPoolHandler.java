package org.nucleon.ml2.subnetpool;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.CallbackRegistry;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.ml2.addressscope.AddressScopeEntity;
import org.nucleon.ml2.ipam.Ip;
import org.nucleon.api.rbac.RbacJpaHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Subnet pools, with the prefix operations of {@code subnetpool-prefix-ops}. */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=subnetpools")
public class SubnetPoolHandler extends RbacJpaHandler<SubnetPoolEntity> {
    static final String PREFIXES = "prefixes";
    static final String ADDRESS_SCOPE_ID = "address_scope_id";

    static final String OBJECT_TYPE = "subnetpool";

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference
    CallbackRegistry callbacks;

    @Reference
    RbacPolicies rbac;

    @Override
    protected CallbackRegistry callbacks() {
        return callbacks;
    }

    /** Published so that what other bundles keep about a subnetpool (its tags) follows it. */
    @Override
    protected String eventResource() {
        return "subnetpool";
    }

    public SubnetPoolHandler() {
        super(SubnetPoolEntity.class, "SubnetPool", Map.ofEntries(Map.entry("id", "id"), Map.entry("name", "name"),
                Map.entry("tenant_id", "projectId"), Map.entry("project_id", "projectId"),
                Map.entry("ip_version", "ipVersion"), Map.entry("default_prefixlen", "defaultPrefixlen"),
                Map.entry("min_prefixlen", "minPrefixlen"), Map.entry("max_prefixlen", "maxPrefixlen"),
                Map.entry("is_default", "isDefault"),
                Map.entry("default_quota", "defaultQuota"), Map.entry(ADDRESS_SCOPE_ID, "addressScopeId"),
                Map.entry("description", "description")), OBJECT_TYPE, e -> e.id, e -> e.projectId);
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
    protected SubnetPoolEntity newEntity(RequestContext context, Map<String, Object> pool) {
        SubnetPoolEntity e = new SubnetPoolEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) pool.get("tenant_id");
        return e;
    }

    @Override
    protected void check(EntityManager em, SubnetPoolEntity e, Map<String, Object> body, boolean create) {
        if (create || body.containsKey(PREFIXES)) {
            setPrefixes(em, e, blocks(body.get(PREFIXES)), create);
        }
        if (create) {
            e.minPrefixlen = e.ipVersion == 4 ? 8 : 64;
            e.maxPrefixlen = e.ipVersion == 4 ? 32 : 128;
        }
        int min = intOr(body.get("min_prefixlen"), e.minPrefixlen);
        int max = intOr(body.get("max_prefixlen"), e.maxPrefixlen);
        int dflt = intOr(body.get("default_prefixlen"), create ? min : e.defaultPrefixlen);
        checkBounds(e.ipVersion, min, max, dflt);
        e.minPrefixlen = min;
        e.maxPrefixlen = max;
        e.defaultPrefixlen = dflt;
        if (body.containsKey("is_default")) {
            setDefault(em, e, (Boolean) body.get("is_default"));
        }
        if (body.containsKey(ADDRESS_SCOPE_ID)) {
            e.addressScopeId = (String) body.get(ADDRESS_SCOPE_ID);
        }
        if (body.containsKey(ADDRESS_SCOPE_ID) || body.containsKey(PREFIXES)) {
            checkScope(em, e);
        }
    }

    private static List<IPAddress> blocks(Object prefixes) {
        List<IPAddress> out = new ArrayList<>();
        for (Object p : (List<?>) prefixes) {
            out.add(Ip.network((String) p));
        }
        return out;
    }

    /** _read_prefix_info; on update the existing prefixes must all stay covered. */
    private static void setPrefixes(EntityManager em, SubnetPoolEntity e, List<IPAddress> blocks, boolean create) {
        if (blocks.isEmpty()) {
            throw new NeutronException(400, "EmptySubnetPoolPrefixList", "Empty subnet pool prefix list.");
        }
        if (blocks.stream().map(Ip::version).distinct().count() > 1
                || !create && Ip.version(blocks.get(0)) != e.ipVersion) {
            throw new NeutronException(400, "PrefixVersionMismatch",
                    "Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
        }
        List<String> merged = SubnetPools.merge(blocks);
        if (!create) {
            List<IPAddressSeqRange> uncovered = Ip.subtract(ranges(e.prefixes), ranges(merged));
            if (!uncovered.isEmpty()) {
                throw illegalPrefixUpdate("Existing prefixes must be a subset of the new prefixes");
            }
        }
        e.ipVersion = Ip.version(blocks.get(0));
        e.prefixes = new ArrayList<>(merged);
    }

    private static List<IPAddressSeqRange> ranges(List<String> cidrs) {
        return cidrs.stream().map(c -> Ip.range(Ip.network(c))).toList();
    }

    private static NeutronException illegalPrefixUpdate(String msg) {
        return new NeutronException(400, "IllegalSubnetPoolPrefixUpdate", "Illegal update to prefixes: " + msg + ".");
    }

    /** SubnetPoolHelper.validate_min/max/default_prefixlen, in Neutron's order. */
    private static void checkBounds(int ipVersion, int min, int max, int dflt) {
        int versionMax = ipVersion == 4 ? 32 : 128;
        if (min > max) {
            throw illegalBounds("min_prefixlen", min, "max_prefixlen", max);
        }
        if (max > versionMax) {
            throw illegalBounds("max_prefixlen", max, "ip_version_max", versionMax);
        }
        if (dflt < min) {
            throw illegalBounds("default_prefixlen", dflt, "min_prefixlen", min);
        }
        if (dflt > max) {
            throw illegalBounds("default_prefixlen", dflt, "max_prefixlen", max);
        }
    }

    private static NeutronException illegalBounds(String type, int value, String baseType, int base) {
        return new NeutronException(400, "IllegalSubnetPoolPrefixBounds", "Illegal prefix bounds: " + type + "="
                + value + ", " + baseType + "=" + base + ".");
    }

    private static int intOr(Object value, int otherwise) {
        return value == null ? otherwise : ((Number) value).intValue();
    }

    /** One default per version: checked here for Neutron's message, enforced by a unique constraint. */
    private static void setDefault(EntityManager em, SubnetPoolEntity e, boolean isDefault) {
        if (isDefault) {
            String current = SubnetPools.defaultPoolId(em, e.ipVersion);
            if (current != null && !current.equals(e.id)) {
                throw NeutronException.invalidInput("A default subnetpool for this IP family has already been set. "
                        + "Only one default may exist per IP family");
            }
        }
        e.isDefault = isDefault;
        e.defaultForVersion = isDefault ? e.ipVersion : null;
    }

    /** The scope must exist, be of the pool's version, and no other pool in it may overlap. */
    private static void checkScope(EntityManager em, SubnetPoolEntity e) {
        if (e.addressScopeId == null) {
            return;
        }
        AddressScopeEntity scope = em.find(AddressScopeEntity.class, e.addressScopeId);
        if (scope == null) {
            throw NeutronException.notFound("AddressScope", e.addressScopeId);
        }
        if (scope.ipVersion() != e.ipVersion) {
            throw new NeutronException(400, "IllegalSubnetPoolIpVersionAssociationToAddressScope",
                    "Illegal subnetpool association: subnetpool " + e.id + " cannot associate with address scope "
                            + e.addressScopeId + " because subnetpool ip_version is not " + scope.ipVersion() + ".");
        }
        List<SubnetPoolEntity> others = em.createQuery("SELECT p FROM SubnetPoolEntity p WHERE p.addressScopeId = :s "
                + "AND p.id <> :me", SubnetPoolEntity.class).setParameter("s", e.addressScopeId)
                .setParameter("me", e.id).getResultList();
        for (SubnetPoolEntity other : others) {
            for (IPAddress mine : e.prefixBlocks()) {
                if (other.prefixBlocks().stream().anyMatch(b -> b.overlaps(mine))) {
                    throw NeutronException.conflict("AddressScopePrefixConflict", "Failed to associate address "
                            + "scope: subnetpools within an address scope must have unique prefixes.");
                }
            }
        }
    }

    @Override
    protected void apply(SubnetPoolEntity e, Map<String, Object> body) {
        if (body.containsKey("name")) {
            e.name = (String) body.get("name");
        }
        if (body.containsKey("default_quota")) {
            e.defaultQuota = (Integer) body.get("default_quota");
        }
        e.applyDescription(body);
    }

    @Override
    protected Map<String, Object> toMap(SubnetPoolEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put("name", e.name);
        m.put("tenant_id", e.projectId);
        // Neutron renders the prefix lengths as strings
        m.put("default_prefixlen", String.valueOf(e.defaultPrefixlen));
        m.put("min_prefixlen", String.valueOf(e.minPrefixlen));
        m.put("max_prefixlen", String.valueOf(e.maxPrefixlen));
        m.put("is_default", e.isDefault);
        m.put(RbacPolicies.SHARED, false); // views() reads it from the policies
        m.put(PREFIXES, List.copyOf(e.prefixes));
        m.put("ip_version", e.ipVersion);
        m.put("default_quota", e.defaultQuota);
        m.put(ADDRESS_SCOPE_ID, e.addressScopeId);
        m.put("project_id", e.projectId);
        e.putStandardAttributes(m);
        return m;
    }

    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, SubnetPoolEntity e) {
        if (!SubnetPools.allocatedCidrs(em, e.id).isEmpty()) {
            throw new NeutronException(400, "SubnetPoolDeleteError",
                    "Unable to delete subnet pool: Subnet pool has existing allocations.");
        }
        super.beforeRemove(em, context, e);
    }

    /** {@code PUT /subnetpools/{id}/add_prefixes} and {@code remove_prefixes}: answers the new prefixes. */
    @Override
    public Map<String, Object> action(RequestContext context, String id, String action, Map<String, Object> body) {
        if (!action.equals("add_prefixes") && !action.equals("remove_prefixes")) {
            return super.action(context, id, action, body);
        }
        List<IPAddress> given = requestedPrefixes(body);
        return jpa.txExpr(TransactionType.Required, em -> {
            SubnetPoolEntity e = find(em, id);
            if (action.equals("add_prefixes")) {
                List<IPAddress> next = new ArrayList<>(e.prefixBlocks());
                next.addAll(given);
                setPrefixes(em, e, next, false);
            } else {
                e.prefixes = new ArrayList<>(SubnetPools.merge(remainingPrefixes(em, e, given)));
            }
            checkScope(em, e);
            em.flush();
            return Map.of(PREFIXES, List.copyOf(e.prefixes));
        });
    }

    private static List<IPAddress> requestedPrefixes(Map<String, Object> body) {
        if (!(body.get(PREFIXES) instanceof List<?> list)) {
            throw NeutronException.badRequest("Request body contains invalid data");
        }
        List<IPAddress> out = new ArrayList<>();
        for (Object p : list) {
            IPAddress a = p instanceof String s ? new IPAddressString(s).getAddress() : null;
            if (a == null || a.getNetworkPrefixLength() == null) {
                throw NeutronException.badRequest("Request body contains invalid data");
            }
            out.add(a.toPrefixBlock());
        }
        return out;
    }

    /** The pool's space without the given prefixes, which no subnet of the pool may use. */
    private static List<IPAddress> remainingPrefixes(EntityManager em, SubnetPoolEntity e, List<IPAddress> removed) {
        for (String cidr : SubnetPools.allocatedCidrs(em, e.id)) {
            IPAddress used = Ip.network(cidr);
            if (removed.stream().anyMatch(r -> r.overlaps(used))) {
                throw illegalPrefixUpdate("One or more the prefixes to be removed is in use by a subnet.");
            }
        }
        List<IPAddress> out = new ArrayList<>();
        Ip.subtract(ranges(e.prefixes), removed.stream().map(Ip::range).toList())
                .forEach(r -> out.addAll(List.of(r.spanWithPrefixBlocks())));
        return out;
    }
}
