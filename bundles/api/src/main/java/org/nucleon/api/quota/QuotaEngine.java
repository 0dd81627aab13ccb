package org.nucleon.api.quota;

import java.util.Map;
import org.nucleon.api.context.RequestContext;

/**
 * Neutron's quota engine ({@code quota.QUOTAS}) as the REST layer uses it: after policy and
 * before the plugin's create it reserves room for the new items, and commits the reservation
 * once they exist or cancels it when the create failed. Published as an OSGi service by the
 * extension that keeps quotas; while none is registered, nothing is enforced.
 */
public interface QuotaEngine {

    /**
     * Reserves room for new items of one resource, per project, or refuses them all.
     *
     * @param resource Neutron's member name of the resource, e.g. {@code port}; resources the
     *                 engine keeps no quota for are let through
     * @param deltas   project id to the number of items it is about to create
     * @return the reservation, to commit or cancel exactly once
     * @throws org.nucleon.api.error.NeutronException 409 OverQuota when a project would pass its limit
     */
    Reservation makeReservation(RequestContext context, String resource, Map<String, Integer> deltas);

    /** Room held for items being created; it lapses by itself if never committed or cancelled. */
    interface Reservation {
        /** Nothing held: the resource is unlimited or has no quota. */
        Reservation NONE = new Reservation() {
            @Override
            public void commit() {
            }

            @Override
            public void cancel() {
            }
        };

        /** The items exist now and are counted as used. */
        void commit();

        /** The create failed: the room is free again. */
        void cancel();
    }
}
