package org.nucleon.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;

/**
 * A core plugin in memory: networks, IPv4 /24 subnets and ports with addresses, enough to
 * drive the router plugin through the same handler calls the ML2 plugin serves. Port delete
 * publishes to the router's port guard in the shared transaction, as ML2's PRECOMMIT_DELETE does.
 */
final class FakeCore {
    static final RequestContext ADMIN = new RequestContext("p1", "u1", List.of("admin"), true, "req-test");

    final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> subnets = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> ports = new LinkedHashMap<>();
    final CoreResources resources = new CoreResources();
    private final Ports portHandler = new Ports();
    private final TestJpa jpa;

    FakeCore(TestJpa jpa) {
        this.jpa = jpa;
        resources.bindHandler(new Store("Network", networks), Map.of(ResourceHandler.COLLECTION, "networks"));
        resources.bindHandler(new Store("Subnet", subnets), Map.of(ResourceHandler.COLLECTION, "subnets"));
        resources.bindHandler(portHandler, Map.of(ResourceHandler.COLLECTION, "ports"));
    }

    String network(boolean external) {
        String id = UUID.randomUUID().toString();
        networks.put(id, new HashMap<>(Map.of("id", id, "router:external", external)));
        return id;
    }

    /** A subnet {@code prefix.0/24} whose gateway is {@code prefix.1}, unless without one. */
    String subnet(String networkId, String prefix, boolean gateway) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> s = new HashMap<>(Map.of("id", id, "network_id", networkId, "cidr", prefix + ".0/24",
                "ip_version", 4));
        s.put("gateway_ip", gateway ? prefix + ".1" : null);
        subnets.put(id, s);
        return id;
    }

    String port(String networkId, String deviceId) {
        Map<String, Object> p = new HashMap<>(Map.of("network_id", networkId, "tenant_id", "p1", "device_id",
                deviceId, "device_owner", ""));
        return (String) portHandler.create(ADMIN, p).get("id");
    }

    /** Handler calls the fake leaves out fail loudly. */
    static class Store implements ResourceHandler {
        final String name;
        final Map<String, Map<String, Object>> items;

        Store(String name, Map<String, Map<String, Object>> items) {
            this.name = name;
            this.items = items;
        }

        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> resource) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> get(RequestContext context, String id) {
            Map<String, Object> found = items.get(id);
            if (found == null) {
                throw NeutronException.notFound(name, id);
            }
            return new HashMap<>(found);
        }

        @Override
        public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
            List<Map<String, Object>> out = new ArrayList<>();
            items.values().stream().filter(i -> query.filters().entrySet().stream()
                    .allMatch(f -> f.getValue().contains(i.get(f.getKey())))).forEach(i -> out.add(new HashMap<>(i)));
            return out;
        }

        @Override
        public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
            Map<String, Object> item = items.get(id);
            item.putAll(changes);
            return new HashMap<>(item);
        }

        @Override
        public void delete(RequestContext context, String id) {
            get(context, id);
            items.remove(id);
        }
    }

    private final class Ports extends Store {
        private int next = 100;

        Ports() {
            super("Port", ports);
        }

        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> port) {
            String networkId = (String) port.get("network_id");
            resources.network(context, networkId);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> asked = (List<Map<String, Object>>) port.get("fixed_ips");
            if (asked == null) {
                asked = subnets.values().stream().filter(s -> networkId.equals(s.get("network_id"))).limit(1)
                        .map(s -> Map.<String, Object>of("subnet_id", s.get("id"))).toList();
            }
            List<Map<String, Object>> ips = new ArrayList<>();
            for (Map<String, Object> ip : asked) {
                Map<String, Object> subnet = subnets.get(ip.get("subnet_id"));
                String cidr = (String) subnet.get("cidr");
                String address = ip.get("ip_address") != null ? (String) ip.get("ip_address")
                        : cidr.substring(0, cidr.lastIndexOf('.') + 1) + next++;
                if (ports.values().stream().flatMap(p -> CoreResources.fixedIps(p).stream())
                        .anyMatch(a -> address.equals(a.get("ip_address")))) {
                    throw NeutronException.conflict("IpAddressAlreadyAllocated", "IP address " + address
                            + " already allocated in subnet " + subnet.get("id"));
                }
                ips.add(Map.of("subnet_id", subnet.get("id"), "ip_address", address));
            }
            Map<String, Object> p = new HashMap<>(port);
            p.put("id", UUID.randomUUID().toString());
            p.put("fixed_ips", ips);
            ports.put((String) p.get("id"), p);
            return new HashMap<>(p);
        }

        @Override
        public void delete(RequestContext context, String id) {
            Map<String, Object> port = get(context, id);
            jpa.tx(TransactionType.Required, em -> RouterPortGuard.portDeleted(em, id, port));
            ports.remove(id);
        }
    }
}
