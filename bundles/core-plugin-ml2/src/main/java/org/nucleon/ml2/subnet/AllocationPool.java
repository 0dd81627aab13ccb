package org.nucleon.ml2.subnet;

import inet.ipaddr.IPAddressSeqRange;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.persistence.Column;
import javax.persistence.Embeddable;
import org.nucleon.ml2.ipam.Ip;

/** One allocation pool of a subnet: an inclusive address range. */
@Embeddable
public class AllocationPool {
    @Column(name = "first_ip", length = 64, nullable = false)
    String firstIp;

    @Column(name = "last_ip", length = 64, nullable = false)
    String lastIp;

    protected AllocationPool() {
    }

    AllocationPool(IPAddressSeqRange r) {
        firstIp = Ip.text(r.getLower());
        lastIp = Ip.text(r.getUpper());
    }

    public IPAddressSeqRange range() {
        return Ip.range(firstIp, lastIp);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", firstIp);
        m.put("end", lastIp);
        return m;
    }
}
