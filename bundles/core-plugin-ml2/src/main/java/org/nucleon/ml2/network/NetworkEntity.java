package org.nucleon.ml2.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.CascadeType;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.OneToMany;
import javax.persistence.OrderBy;
import javax.persistence.Table;
import javax.persistence.Transient;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.nucleon.api.persistence.StandardAttributes;

/** A row of the {@code networks} table. */
@Entity
@Table(name = "networks", indexes = @Index(name = "ix_networks_project_id", columnList = "project_id"))
public class NetworkEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(name = "admin_state_up")
    boolean adminStateUp;

    @Column(length = 16)
    String status;

    /** The largest packet the network carries: requested (net-mtu-writable) or its segments' maximum. */
    int mtu;

    /**
     * {@code shared} and {@code router:external} from before RBAC policies:
     * {@link org.nucleon.ml2.rbac.LegacySharing} turns a set one into the owner's wildcard
     * policy and clears it; mapped so old rows can be read.
     */
    @Column(name = "shared")
    boolean legacyShared;

    @Column(name = "router_external")
    boolean legacyRouterExternal;

    @Column(name = "port_security_enabled")
    boolean portSecurityEnabled = true;

    // a list's networks get their segments in one query, not one each (where no shared cache has them)
    @OneToMany(mappedBy = "network", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("segmentIndex")
    @BatchFetch(BatchFetchType.IN)
    List<SegmentEntity> segments = new ArrayList<>();

    /**
     * For a network this transaction created: the attributes kept in other tables (subnets,
     * shared, router:external, address scopes) as it wrote them, so its view reads none of them.
     */
    @Transient
    Map<String, Object> written;

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    /** The default of its ports' port_security_enabled. */
    public boolean portSecurityEnabled() {
        return portSecurityEnabled;
    }

    /** The segments as mechanism drivers see them when binding a port. */
    public List<Map<String, Object>> segmentViews() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SegmentEntity s : segments) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id);
            m.put("network_type", s.networkType);
            m.put("physical_network", s.physicalNetwork);
            m.put("segmentation_id", s.segmentationId);
            out.add(m);
        }
        return out;
    }
}
