package org.nucleon.ml2.subnetpool;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.nucleon.api.persistence.StandardAttributes;
import org.nucleon.ml2.ipam.Ip;

/** A row of the {@code subnetpools} table with its prefixes. */
@Entity
@Table(name = "subnetpools", uniqueConstraints = @UniqueConstraint(name = "uniq_subnetpools_default",
        columnNames = "default_for_version"))
public class SubnetPoolEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(name = "ip_version")
    int ipVersion;

    @Column(name = "default_prefixlen")
    int defaultPrefixlen;

    @Column(name = "min_prefixlen")
    int minPrefixlen;

    @Column(name = "max_prefixlen")
    int maxPrefixlen;

    @Column(name = "is_default")
    boolean isDefault;

    /**
     * {@code shared} from before RBAC policies: {@link org.nucleon.ml2.rbac.LegacySharing} turns
     * a set one into the owner's wildcard policy and clears it; mapped so old rows can be read.
     */
    @Column(name = "shared")
    boolean legacyShared;

    /**
     * The ip_version while this is the default pool, else null: its unique constraint lets the
     * database keep one default per version (NULLs do not collide).
     */
    @Column(name = "default_for_version")
    Integer defaultForVersion;

    @Column(name = "default_quota")
    Integer defaultQuota;

    @Column(name = "address_scope_id", length = 36)
    String addressScopeId;

    /** Kept merged (cidr_merge), as Neutron stores them. */
    @ElementCollection
    @BatchFetch(BatchFetchType.IN)
    @CollectionTable(name = "subnetpool_prefixes", joinColumns = @JoinColumn(name = "subnetpool_id"))
    @Column(name = "cidr", length = 64)
    List<String> prefixes = new ArrayList<>();

    public String id() {
        return id;
    }

    public int ipVersion() {
        return ipVersion;
    }

    public String addressScopeId() {
        return addressScopeId;
    }

    public List<IPAddress> prefixBlocks() {
        return prefixes.stream().map(Ip::network).toList();
    }
}
