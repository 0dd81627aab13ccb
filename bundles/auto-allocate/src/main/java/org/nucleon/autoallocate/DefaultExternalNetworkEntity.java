package org.nucleon.autoallocate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * The default external network ({@code is_default} of Neutron's externalnetworks): a row per
 * default network, and a constant column unique across rows, so the database itself keeps it to
 * one at any time, as Neutron's DefaultExternalNetworkExists check means to.
 */
@Entity
@Table(name = "default_external_networks", uniqueConstraints = @UniqueConstraint(
        name = "uniq_default_external_networks0one", columnNames = "one"))
public class DefaultExternalNetworkEntity {
    @Id
    @Column(name = "network_id", length = 36)
    String networkId;

    @Column(name = "one", nullable = false)
    int one = 1;
}
