package org.nucleon.ml2.ipam;

import inet.ipaddr.IPAddressSeqRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceUnitUtil;
import javax.persistence.criteria.Root;
import javax.persistence.criteria.Subquery;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.ListQueries;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.ml2.network.NetworkEntity;
import org.nucleon.ml2.subnet.SubnetEntity;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * network-ip-availability: per network and subnet, the addresses of the allocation pools
 * ({@code total_ips}) and the addresses held by ports ({@code used_ips}). Read-only.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=network_ip_availabilities")
public class NetworkIpAvailabilityHandler implements ResourceHandler {
    private static final String IP_VERSION = "ip_version";
    private static final Map<String, String> COLUMNS = Map.of("network_id", "id", "network_name", "name",
            "tenant_id", "projectId", "project_id", "projectId");

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        Map<String, Object> found = jpa.txExpr(TransactionType.Supports, em -> {
            List<Map<String, Object>> one = views(em, List.of(id), null);
            return one.isEmpty() ? null : one.get(0);
        });
        if (found == null) {
            throw NeutronException.notFound("Network", id);
        }
        return found;
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        List<Object> versions = query.filters().get(IP_VERSION);
        return jpa.txExpr(TransactionType.Supports, em -> {
            PersistenceUnitUtil util = em.getEntityManagerFactory().getPersistenceUnitUtil();
            List<String> ids = new ArrayList<>();
            // every project's networks, as Neutron's own query; the policy (admin only by default) decides
            ListQueries.list(em, NetworkEntity.class, query, COLUMNS, "Network", ListQueries.all(),
                    versions == null ? null : root -> withSubnetsOf(em, root, versions)).forEach(n -> ids.add((String) util.getIdentifier(n)));
            return views(em, ids, versions);
        });
    }

    /** Networks having a subnet of one of the versions (the ip_version filter). */
    private static javax.persistence.criteria.Predicate withSubnetsOf(EntityManager em, Root<NetworkEntity> network,
            List<Object> versions) {
        var cb = em.getCriteriaBuilder();
        Subquery<String> sq = cb.createQuery().subquery(String.class);
        Root<SubnetEntity> s = sq.from(SubnetEntity.class);
        sq.select(s.get("id")).where(cb.equal(s.get("networkId"), network.get("id")),
                s.get("ipVersion").in(versions));
        return cb.exists(sq);
    }

    /** The views of the networks, in the given order; unknown ids are skipped. */
    private static List<Map<String, Object>> views(EntityManager em, List<String> networkIds, List<Object> versions) {
        if (networkIds.isEmpty()) {
            return List.of();
        }
        Map<String, Object[]> networks = new HashMap<>();
        em.createQuery("SELECT n.id, n.name, n.projectId FROM NetworkEntity n WHERE n.id IN :ids", Object[].class)
                .setParameter("ids", networkIds).getResultList().forEach(r -> networks.put((String) r[0], r));
        List<SubnetEntity> subnets = em.createQuery("SELECT s FROM SubnetEntity s WHERE s.networkId IN :ids "
                + "ORDER BY s.id", SubnetEntity.class).setParameter("ids", networkIds).getResultList().stream()
                .filter(s -> versions == null || versions.contains(s.ipVersion())).toList();
        Map<String, Long> used = Ipam.usedCounts(em, subnets.stream().map(SubnetEntity::id).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : networkIds) {
            Object[] n = networks.get(id);
            if (n == null) {
                continue;
            }
            List<Map<String, Object>> perSubnet = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            long usedIps = 0;
            for (SubnetEntity s : subnets) {
                if (s.networkId().equals(id)) {
                    BigInteger size = s.pools().stream().map(IPAddressSeqRange::getCount)
                            .reduce(BigInteger.ZERO, BigInteger::add);
                    long u = used.getOrDefault(s.id(), 0L);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("subnet_id", s.id());
                    m.put(IP_VERSION, s.ipVersion());
                    m.put("cidr", s.cidr());
                    m.put("subnet_name", s.name());
                    m.put("used_ips", u);
                    m.put("total_ips", size);
                    perSubnet.add(m);
                    total = total.add(size);
                    usedIps += u;
                }
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("network_id", id);
            v.put("network_name", n[1]);
            v.put("tenant_id", n[2]);
            v.put("project_id", n[2]);
            v.put("subnet_ip_availability", perSubnet);
            v.put("used_ips", usedIps);
            v.put("total_ips", total);
            out.add(v);
        }
        return out;
    }

    @Override
    public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        throw NeutronException.httpNotFound();
    }

    @Override
    public void delete(RequestContext context, String id) {
        throw NeutronException.httpNotFound();
    }
}
