package org.nucleon.agents;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * A network hosted by a DHCP agent or a router by an L3 agent: Neutron's
 * networkdhcpagentbindings and routerl3agentbindings in one table, told apart by resource_type.
 * No foreign key to the network or router: those rows are other plugins' (callbacks clean up).
 */
@Entity
// the unique key leads with the agent; the index serves the reads and deletes by network or router
@Table(name = "agent_resource_bindings", uniqueConstraints = @UniqueConstraint(
        name = "uniq_agent_resource_bindings0agent0resource", columnNames = {"agent_id", "resource_id"}),
        indexes = @Index(name = "ix_agent_resource_bindings_resource", columnList = "resource_id,resource_type"))
public class AgentBinding {
    @Id
    @Column(length = 36)
    String id;
    @Column(name = "resource_type", length = 16, nullable = false)
    String resourceType;
    @Column(name = "resource_id", length = 36, nullable = false)
    String resourceId;
    @Column(name = "agent_id", length = 36, nullable = false)
    String agentId;
    @Column(name = "binding_index", nullable = false)
    int bindingIndex;
}
