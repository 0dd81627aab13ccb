package org.nucleon.api.rbac;

import java.util.function.BiConsumer;
import javax.persistence.EntityManager;

/**
 * Objects shared before they were RBAC object types kept the flag ({@code shared},
 * {@code router:external}) in a column of their own. Each row still marked there gets the owner's
 * wildcard policy and the mark is cleared: once, so that unsharing later sticks across restarts.
 */
public final class LegacyFlags {
    private LegacyFlags() {
    }

    /**
     * @param entity the JPA entity name, with {@code id} and {@code projectId} fields
     * @param field  its boolean flag field
     * @param grant  writes the owner's wildcard policy, given the object's id and its project
     */
    public static void migrate(EntityManager em, String entity, String field, BiConsumer<String, String> grant) {
        em.createQuery("SELECT e.id, e.projectId FROM " + entity + " e WHERE e." + field + " = TRUE", Object[].class)
                .getResultList().forEach(row -> grant.accept((String) row[0], (String) row[1]));
        em.createQuery("UPDATE " + entity + " e SET e." + field + " = FALSE WHERE e." + field + " = TRUE")
                .executeUpdate();
    }
}
