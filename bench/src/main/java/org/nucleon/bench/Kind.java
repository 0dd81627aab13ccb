package org.nucleon.bench;

/**
 * A Neutron resource type. The tier orders cleanup: what holds a reference goes before what it refers to
 * (floating IPs, which need their router interface; router interfaces; ports; routers; subnets; networks).
 */
record Kind(String collection, String resource, int tier) {
    static final Kind FLOATING_IP = new Kind("floatingips", "floatingip", 0);
    static final int DETACH = 1;
    static final Kind PORT = new Kind("ports", "port", 2);
    static final Kind SECURITY_GROUP = new Kind("security-groups", "security_group", 2);
    static final Kind ROUTER = new Kind("routers", "router", 3);
    static final Kind SUBNET = new Kind("subnets", "subnet", 4);
    static final Kind NETWORK = new Kind("networks", "network", 5);

    String path() {
        return "/v2.0/" + collection;
    }

    String path(String id) {
        return path() + "/" + id;
    }
}
