package org.nucleon.ml2.subnet;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Embeddable;

/** A host route a subnet's DHCP hands out. */
@Embeddable
public class HostRoute {
    @Column(length = 64, nullable = false)
    String destination;

    @Column(length = 64, nullable = false)
    String nexthop;

    protected HostRoute() {
    }

    HostRoute(String destination, String nexthop) {
        this.destination = destination;
        this.nexthop = nexthop;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", destination);
        m.put("nexthop", nexthop);
        return m;
    }
}
