package org.nucleon.ml2.addressscope;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.nucleon.api.persistence.InLists;

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
     * Every requested network is in the result.
     */
    public static Map<String, Map<String, Object>> ofNetworks(EntityManager em, Collection<String> networkIds) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (String id : networkIds) {
            out.put(id, none());
        }
        for (List<String> batch : InLists.batches(networkIds)) {
            em.createQuery("SELECT s.networkId, s.ipVersion, p.addressScopeId FROM SubnetEntity s, SubnetPoolEntity p "
                    + "WHERE s.subnetpoolId = p.id AND p.addressScopeId IS NOT NULL AND s.networkId IN :nets",
                    Object[].class).setParameter("nets", batch).getResultList()
                    .forEach(r -> out.get((String) r[0]).put("ipv" + r[1] + "_address_scope", r[2]));
        }
        return out;
    }
}
