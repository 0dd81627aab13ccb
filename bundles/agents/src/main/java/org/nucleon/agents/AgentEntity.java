package org.nucleon.agents;

import java.time.LocalDateTime;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/** Neutron's agents row; times are UTC without zone, as Neutron stores them. */
@Entity
@Table(name = "agents", uniqueConstraints = @UniqueConstraint(name = "uniq_agents0agent_type0host",
        columnNames = {"agent_type", "host"}))
public class AgentEntity {
    @Id
    @Column(length = 36)
    String id;
    @Column(name = "agent_type", length = 255, nullable = false)
    String agentType;
    // Neutron's "binary" is reserved in PostgreSQL, and a quoted name defeats create-or-extend's
    // check for existing columns on Derby (it would add the column again at every start)
    @Column(name = "agent_binary", length = 255, nullable = false)
    String binary;
    @Column(length = 255, nullable = false)
    String topic;
    @Column(length = 255, nullable = false)
    String host;
    @Column(name = "availability_zone", length = 255)
    String availabilityZone;
    @Column(name = "admin_state_up", nullable = false)
    boolean adminStateUp = true;
    @Column(name = "created_at", nullable = false)
    LocalDateTime createdAt;
    @Column(name = "started_at", nullable = false)
    LocalDateTime startedAt;
    @Column(name = "heartbeat_timestamp", nullable = false)
    LocalDateTime heartbeatTimestamp;
    @Column(length = 255)
    String description;
    @Column(length = 4095, nullable = false)
    String configurations = "{}";
    @Column(name = "resource_versions", length = 8191)
    String resourceVersions;
    @Column(name = "resources_synced")
    Boolean resourcesSynced;
    @Column(name = "load", nullable = false)
    int load;
}
