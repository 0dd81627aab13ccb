package org.nucleon.ml2.addressscope;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.persistence.EntityManager;
import org.nucleon.api.persistence.InLists;
import org.nucleon.ml2.ipam.Ipam;

/** The address scopes of networks, for their {@code ipv4_address_scope}/{@code ipv6_address_scope}. */
public final class AddressScopes {
    private AddressScopes() {
    }

    /** The address scopes of a network without subnets from pools in a scope. */
    public static Map<String, Object> none() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ipv4_address_scope", null);
        m.put("ipv6_address_scope", null);
        return m;
    }

    /**
     * For each network, {@code ipv4_address_scope} and {@code ipv6_address_scope}: the scope of
     * the pool its subnets of that version come from (one pool per version and network), or null.
     * Every network given is in the result; only subnets from pools cost a query.
     */
    public static Map<String, Map<String, Object>> ofNetworks(EntityManager em,
            Map<String, List<Ipam.NetworkSubnet>> subnets) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        Set<String> pools = new HashSet<>();
        subnets.forEach((network, of) -> {
            out.put(network, none());
            of.stream().map(Ipam.NetworkSubnet::subnetpoolId).filter(Objects::nonNull).forEach(pools::add);
        });
        Map<String, String> scopeOfPool = new HashMap<>();
        for (List<String> batch : InLists.batches(pools)) {
            em.createQuery("SELECT p.id, p.addressScopeId FROM SubnetPoolEntity p "
                    + "WHERE p.addressScopeId IS NOT NULL AND p.id IN :pools", Object[].class)
                    .setParameter("pools", batch).getResultList()
                    .forEach(r -> scopeOfPool.put((String) r[0], (String) r[1]));
        }
        subnets.forEach((network, of) -> of.stream().filter(s -> scopeOfPool.containsKey(s.subnetpoolId()))
                .forEach(s -> out.get(network).put("ipv" + s.ipVersion() + "_address_scope",
                        scopeOfPool.get(s.subnetpoolId()))));
        return out;
    }
}
