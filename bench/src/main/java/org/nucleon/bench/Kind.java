package org.nucleon.bench;

/**
 * A Neutron resource type. The tier orders cleanup: what holds a reference goes before what it refers to
 * (router interfaces, then ports and floating IPs, then routers, subnets, networks).
 */
record Kind(String collection, String resource, int tier) {
    static final int DETACH = 0;
    static final Kind PORT = new Kind("ports", "port", 1);
    static final Kind FLOATING_IP = new Kind("floatingips", "floatingip", 1);
    static final Kind SECURITY_GROUP = new Kind("security-groups", "security_group", 1);
    static final Kind ROUTER = new Kind("routers", "router", 2);
    static final Kind SUBNET = new Kind("subnets", "subnet", 3);
    static final Kind NETWORK = new Kind("networks", "network", 4);

    String path() {
        return "/v2.0/" + collection;
    }

    String path(String id) {
        return path() + "/" + id;
    }
}
