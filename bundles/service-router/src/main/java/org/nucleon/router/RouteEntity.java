package org.nucleon.router;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * One extra route of a router (extraroute), in the order the client gave. Written and read by
 * queries (see {@link Routes}) rather than as a collection of the router, so that replacing a
 * router's routes by equal ones never leaves a cached router with a stale list.
 */
@Entity
@Table(name = "routerroutes", uniqueConstraints = @UniqueConstraint(name = "uniq_routerroutes0router_dest_nexthop",
        columnNames = {"router_id", "destination", "nexthop"}))
public class RouteEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "router_id", length = 36, nullable = false)
    String routerId;

    @Column(length = 64, nullable = false)
    String destination;

    @Column(length = 64, nullable = false)
    String nexthop;

    /** Not "position", a keyword in SQL dialects. */
    @Column(name = "route_index")
    int position;
}
