package org.nucleon.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The catalogue: Rally's NeutronNetworks.* and Browbeat's control-plane workloads, one phase per operation. */
final class Scenarios {

    record Def(String name, Supplier<Scenario> factory) {
    }

    private Scenarios() {
    }

    static List<Def> all(Settings settings) {
        List<Def> defs = new ArrayList<>(List.of(
                crud("networks", Kind.NETWORK, List.of(), s -> Map.of(), s -> Map.of()),
                crud("subnets", Kind.SUBNET, List.of(Kind.NETWORK), Scenarios::network,
                        s -> Map.of("ip_version", 4, "cidr", cidr28(s.nextIndex()))),
                crud("ports", Kind.PORT, List.of(Kind.NETWORK, Kind.SUBNET), s -> networkWithSubnet(s, 16),
                        s -> Map.of()),
                crud("routers", Kind.ROUTER, List.of(), s -> Map.of(), s -> Map.of()),
                crud("security-groups", Kind.SECURITY_GROUP, List.of(), s -> Map.of(),
                        s -> Map.of("description", "bench"))));
        for (int size : settings.portSizes()) {
            defs.add(new Def("port-list-" + size, () -> new PortList(size)));
        }
        defs.add(new Def("router-interfaces", RouterInterfaces::new));
        defs.add(new Def("floating-ips", FloatingIps::new));
        return defs;
    }

    /** "all", exact names, or a family ("port-list" selects every port-list-SIZE). */
    static List<Def> select(Settings settings) {
        List<String> wanted = settings.scenarios();
        List<Def> all = all(settings);
        List<Def> chosen = all.stream().filter(d -> wanted.contains("all")
                || wanted.stream().anyMatch(w -> d.name().equals(w) || d.name().startsWith(w + "-"))).toList();
        List<String> unknown = wanted.stream().filter(w -> !w.equals("all")
                && all.stream().noneMatch(d -> d.name().equals(w) || d.name().startsWith(w + "-"))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario(s) " + unknown + "; known: "
                    + all.stream().map(Def::name).collect(Collectors.joining(",")));
        }
        return chosen;
    }

    private static Def crud(String name, Kind kind, List<Kind> parents, Parent parent,
                            Function<Session, Map<String, Object>> perItem) {
        List<Kind> needs = new ArrayList<>(parents);
        needs.add(0, kind);
        return new Def(name, () -> new Crud(kind, needs, parent, perItem));
    }

    /** The i-th /28 in 10.0.0.0/8, so every subnet of a session gets its own range. */
    static String cidr28(int i) {
        int a = i * 16;
        return "10." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255) + "/28";
    }

    /** Unmeasured setup of what a scenario's resources hang off; returns the fields they refer to it by. */
    @FunctionalInterface
    interface Parent {
        Map<String, Object> prepare(Session s) throws Exception;
    }

    private static Map<String, Object> network(Session s) throws Exception {
        return Map.of("network_id", s.setup(Kind.NETWORK, Map.of("name", s.name("net"))));
    }

    /** A network with one IPv4 subnet of the given prefix length, which ports then draw addresses from. */
    private static Map<String, Object> networkWithSubnet(Session s, int prefix) throws Exception {
        Map<String, Object> net = network(s);
        s.setup(Kind.SUBNET, Map.of("network_id", net.get("network_id"), "ip_version", 4,
                "cidr", "10.0.0.0/" + prefix, "name", s.name("subnet")));
        return net;
    }

    /**
     * Create, show, update, list, delete: Rally's create_and_{show,update,list,delete}_* as separate phases so each
     * operation gets its own throughput. Lists are filtered by the parent the resources were created in (as Nova
     * lists a network's ports) and unfiltered for top-level resources, as Rally does.
     */
    private static final class Crud extends Scenario {
        private final Kind kind;
        private final List<Kind> needs;
        private final Parent parent;
        private final Function<Session, Map<String, Object>> perItem;
        private Map<String, Object> common;

        Crud(Kind kind, List<Kind> needs, Parent parent,
             Function<Session, Map<String, Object>> perItem) {
            this.kind = kind;
            this.needs = needs;
            this.parent = parent;
            this.perItem = perItem;
        }

        @Override
        List<Kind> needs() {
            return needs;
        }

        @Override
        void prepare(Session s) throws Exception {
            common = parent.prepare(s);
        }

        @Override
        void run(Session s, int c) throws Exception {
            int n = s.settings.count();
            String[] ids = s.create("create", c, n, kind, i -> {
                Map<String, Object> body = new HashMap<>(common);
                body.putAll(perItem.apply(s));
                body.put("name", s.name(kind.resource()));
                return body;
            });
            if (ids.length == 0) {
                return;
            }
            s.measureReads("show", c, n, i -> Request.get(kind.path(ids[i % ids.length])));
            s.measure("update", c, n, i -> Request.put(kind.path(ids[i % ids.length]),
                    Map.of(kind.resource(), Map.of("name", s.name(kind.resource() + "-u")))));
            String query = common.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
            s.measureReads("list", c, s.settings.listCount(),
                    i -> Request.get(kind.path() + (query.isEmpty() ? "" : "?" + query)));
            s.delete("delete", c, kind, ids);
        }
    }

    /** Filtered, paginated and full listing of a network holding {@code size} ports on one large subnet. */
    private static final class PortList extends Scenario {
        private static final int BULK = 100;
        private final int size;
        private String network;
        private String[] names;
        private String[] sortedIds;

        PortList(int size) {
            this.size = size;
        }

        @Override
        List<Kind> needs() {
            return List.of(Kind.PORT, Kind.NETWORK, Kind.SUBNET);
        }

        /** Fills the network with bulk creates (Neutron's allow_bulk), as fast as a modest concurrency allows. */
        @Override
        void prepare(Session s) throws Exception {
            int prefix = Math.min(16, 32 - (int) Math.ceil(Math.log(size + 3) / Math.log(2)));
            network = (String) networkWithSubnet(s, prefix).get("network_id");
            String prefixName = s.name("pl");
            names = IntStream.range(0, size).mapToObj(i -> prefixName + "-" + i).toArray(String[]::new);
            String[] ids = new String[size];
            int batches = (size + BULK - 1) / BULK;
            s.setupCalls(s.settings.setupConcurrency(), batches, b -> Request.post(Kind.PORT.path(), Map.of("ports",
                    IntStream.range(b * BULK, Math.min(size, (b + 1) * BULK))
                            .mapToObj(i -> Map.of("network_id", network, "name", names[i])).toList())),
                    (reply, b) -> {
                        int i = b * BULK;
                        for (var port : reply.json().path("ports")) {
                            ids[i++] = port.path("id").asText();
                            s.track(Kind.PORT, port.path("id").asText());
                        }
                    });
            sortedIds = Arrays.stream(ids).sorted().toArray(String[]::new);
        }

        @Override
        void run(Session s, int c) throws Exception {
            int n = s.settings.count();
            String base = Kind.PORT.path() + "?network_id=" + network;
            s.measureReads("list-filter-name", c, n, i -> Request.get(base + "&name=" + names[i % size]));
            // Markers spread over the whole collection: a page deep in the list costs what a page near the top does
            // only if the server seeks by marker instead of skipping rows.
            int page = s.settings.pageSize();
            s.measureReads("list-page-" + page, c, n, i -> Request.get(base + "&limit=" + page + "&marker="
                    + sortedIds[(int) ((long) i * 7919 % size)]));
            s.measureReads("list-all", c, s.settings.listCount(), i -> Request.get(base));
        }
    }

    /** Add and remove router interfaces, one fresh subnet each, on one router (so adds contend for it). */
    private static final class RouterInterfaces extends Scenario {
        private String router;
        private String network;

        @Override
        List<Kind> needs() {
            return List.of(Kind.ROUTER, Kind.NETWORK, Kind.SUBNET);
        }

        @Override
        void prepare(Session s) throws Exception {
            router = s.setup(Kind.ROUTER, Map.of("name", s.name("router")));
            network = (String) network(s).get("network_id");
        }

        @Override
        void run(Session s, int c) throws Exception {
            String[] subnets = s.create(null, c, s.settings.count(), Kind.SUBNET, i -> Map.of("network_id", network,
                    "ip_version", 4, "cidr", cidr28(s.nextIndex()), "name", s.name("ri-subnet")));
            String[] added = new String[subnets.length];
            s.measure("add-interface", c, subnets.length, i -> Session.addInterface(router, subnets[i]),
                    (reply, i) -> {
                        s.attached(router, subnets[i]);
                        added[i] = subnets[i];
                    });
            // Only what was added: removing the others would count Neutron's 404 as the removal's error.
            String[] remove = Arrays.stream(added).filter(java.util.Objects::nonNull).toArray(String[]::new);
            s.measure("remove-interface", c, remove.length, i -> Session.removeInterface(router, remove[i]),
                    (reply, i) -> s.detached(router, remove[i]));
        }
    }

    /** Rally's create_and_associate_floating_ip, split: create, associate, disassociate, delete. */
    private static final class FloatingIps extends Scenario {
        private String external;
        private String internal;

        @Override
        List<Kind> needs() {
            return List.of(Kind.FLOATING_IP, Kind.ROUTER, Kind.PORT, Kind.NETWORK, Kind.SUBNET);
        }

        /** An external network, a router with its gateway there and an interface on an internal subnet. */
        @Override
        void prepare(Session s) throws Exception {
            external = s.setup(Kind.NETWORK, Map.of("name", s.name("ext"), "router:external", true));
            s.setup(Kind.SUBNET, Map.of("network_id", external, "ip_version", 4, "cidr", "172.30.0.0/16",
                    "name", s.name("ext-subnet")));
            internal = s.setup(Kind.NETWORK, Map.of("name", s.name("int")));
            String subnet = s.setup(Kind.SUBNET, Map.of("network_id", internal, "ip_version", 4,
                    "cidr", "10.0.0.0/16", "name", s.name("int-subnet")));
            String router = s.setup(Kind.ROUTER, Map.of("name", s.name("fip-router"),
                    "external_gateway_info", Map.of("network_id", external)));
            s.setupCalls(1, 1, i -> Session.addInterface(router, subnet), (reply, i) -> s.attached(router, subnet));
        }

        @Override
        void run(Session s, int c) throws Exception {
            int n = s.settings.count();
            String[] ports = s.create(null, c, n, Kind.PORT, i -> Map.of("network_id", internal,
                    "name", s.name("fip-port")));
            String[] fips = s.create("create", c, n, Kind.FLOATING_IP, i -> Map.of("floating_network_id", external,
                    "description", s.name("fip"))); // floating IPs have no name; the cleanup sweep finds them by this
            int pairs = Math.min(ports.length, fips.length);
            s.measure("associate", c, pairs, i -> Request.put(Kind.FLOATING_IP.path(fips[i]),
                    Map.of("floatingip", Map.of("port_id", ports[i]))));
            s.measure("disassociate", c, pairs, i -> Request.put(Kind.FLOATING_IP.path(fips[i]),
                    Map.of("floatingip", Json.obj("port_id", null))));
            s.delete("delete", c, Kind.FLOATING_IP, fips);
        }
    }
}
