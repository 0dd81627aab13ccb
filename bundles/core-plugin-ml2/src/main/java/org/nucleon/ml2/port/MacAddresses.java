package org.nucleon.ml2.port;

import inet.ipaddr.MACAddressString;
import inet.ipaddr.mac.MACAddress;
import java.util.concurrent.ThreadLocalRandom;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;

/**
 * MAC addresses as Neutron hands them out ({@code neutron_lib.utils.net.get_random_mac}): the
 * base MAC's first three octets are kept, the fourth too unless it is 00, the rest is random.
 * Uniqueness on a network is the database's constraint; a MAC is checked first all the same, a
 * requested one for the 409, a random one to draw another. Unchecked, a bulk create of 1,000
 * ports on a network that holds 60,000 draws a taken MAC in almost every attempt, and every retry
 * of the whole bulk failed again (503).
 */
final class MacAddresses {
    /** Neutron's mac_generation_retries. */
    private static final int DRAWS = 16;

    private final byte[] base;

    MacAddresses(String baseMac) {
        MACAddress mac = new MACAddressString(baseMac).getAddress();
        if (mac == null || mac.getSegmentCount() != 6) {
            throw new IllegalArgumentException("base_mac '" + baseMac + "' is not a MAC address");
        }
        base = mac.getBytes();
    }

    String random() {
        byte[] b = base.clone();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = b[3] == 0 ? 3 : 4; i < 6; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    }

    /**
     * A random MAC no port on the network has; when every draw is taken, the last one, which the
     * unique key refuses and the create's retries turn into MacAddressGenerationFailure.
     */
    String free(EntityManager em, String networkId) {
        String mac = random();
        for (int i = 1; i < DRAWS && inUse(em, networkId, mac); i++) {
            mac = random();
        }
        return mac;
    }

    static boolean inUse(EntityManager em, String networkId, String mac) {
        return !em.createQuery("SELECT p.id FROM PortEntity p WHERE p.networkId = :n AND p.macAddress = :m",
                String.class).setParameter("n", networkId).setParameter("m", mac).setMaxResults(1)
                .getResultList().isEmpty();
    }

    static NeutronException macInUse(String networkId, String mac) {
        return NeutronException.conflict("MacAddressInUse", "Unable to complete operation for network " + networkId
                + ". The mac address " + mac + " is in use.");
    }
}
