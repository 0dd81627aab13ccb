package org.nucleon.router;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/** One extra route of a router (extraroute), in the order the client gave. */
@Entity
@Table(name = "routerroutes", uniqueConstraints = @UniqueConstraint(name = "uniq_routerroutes0router_dest_nexthop",
        columnNames = {"router_id", "destination", "nexthop"}))
public class RouteEntity {
    @Id
    @Column(length = 36)
    String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "router_id")
    RouterEntity router;

    @Column(length = 64, nullable = false)
    String destination;

    @Column(length = 64, nullable = false)
    String nexthop;

    int position;
}
