package org.nucleon.flavors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.LockModeType;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.plugin.PartialHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A flavor's service profiles ({@code /v2.0/flavors/{id}/service_profiles}): associate with a
 * POST of {@code {"service_profile": {"id": ...}}}, disassociate with a DELETE. Served per
 * flavor through {@link #under}. Neutron's plugin has no update of an association, nor a list
 * (its answer to both is a 500): updates are 404 here, and the list names the associated profiles.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=flavors/service_profiles")
public class FlavorProfileHandler extends PartialHandler {
    @Reference(target = "(osgi.unit.name=nucleon-flavors)")
    JpaTemplate jpa;

    @Override
    public ResourceHandler under(String flavorId) {
        return new OfFlavor(flavorId);
    }






    /** The associations of one flavor. */
    private final class OfFlavor extends PartialHandler {
        private final String flavorId;

        OfFlavor(String flavorId) {
            this.flavorId = flavorId;
        }

        /**
         * Both must exist (Neutron's foreign keys; it answers a missing one with a 500) and not be
         * associated yet. The answer is Neutron's: the flavor shown through the sub-resource's
         * map, which keeps only its {@code id}, the flavor's.
         */
        @Override
        public Map<String, Object> create(RequestContext context, Map<String, Object> body) {
            FlavorErrors.adminOnly(context, "create_flavor_service_profile");
            String profileId = (String) body.get("id");
            Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
                if (em.find(FlavorEntity.class, flavorId) == null) {
                    throw FlavorErrors.flavorNotFound(flavorId);
                }
                // the profile's lock orders this with its update or delete, which check it is unused
                if (em.find(ServiceProfileEntity.class, profileId, LockModeType.PESSIMISTIC_WRITE) == null) {
                    throw FlavorErrors.profileNotFound(profileId);
                }
                if (em.find(BindingEntity.class, new BindingEntity.Key(flavorId, profileId)) != null) {
                    throw FlavorErrors.bindingExists(profileId, flavorId);
                }
                em.persist(new BindingEntity(flavorId, profileId));
                return null;
            }));
            return Map.of("id", flavorId);
        }

        /** Neutron answers with the pair, which the sub-resource's map shows as an empty object. */
        @Override
        public Map<String, Object> get(RequestContext context, String profileId) {
            boolean bound = jpa.txExpr(TransactionType.Supports,
                    em -> em.find(BindingEntity.class, new BindingEntity.Key(flavorId, profileId)) != null);
            if (!bound) {
                throw FlavorErrors.bindingNotFound(profileId, flavorId);
            }
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("service_profile_id", profileId);
            pair.put("flavor_id", flavorId);
            return pair;
        }

        /** The associated profiles' ids. */
        @Override
        public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
            return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                    "SELECT b.serviceProfileId FROM BindingEntity b WHERE b.flavorId = :f ORDER BY b.serviceProfileId",
                    String.class).setParameter("f", flavorId).getResultList())
                    .stream().map(id -> Map.<String, Object>of("id", id)).toList();
        }

        @Override
        public void delete(RequestContext context, String profileId) {
            FlavorErrors.adminOnly(context, "delete_flavor_service_profile");
            int deleted = jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                    "DELETE FROM BindingEntity b WHERE b.flavorId = :f AND b.serviceProfileId = :p")
                    .setParameter("f", flavorId).setParameter("p", profileId).executeUpdate());
            if (deleted == 0) {
                throw FlavorErrors.bindingNotFound(profileId, flavorId);
            }
        }
    }
}
