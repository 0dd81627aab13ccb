package org.nucleon.ml2.rbac;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.rbac.RbacObjectType;

/**
 * An object type of this plugin's own tables: the owner read from the entity's project, the
 * users from queries that select the projects of what depends on the object (parameter
 * {@code :id}).
 */
final class EntityObjectType implements RbacObjectType {
    private final JpaTemplate jpa;
    private final String objectType;
    private final String entity;
    private final String notFound;
    private final Map<String, List<String>> userQueries;

    /**
     * @param entity      the JPA entity name, whose {@code id} and {@code projectId} are read
     * @param notFound    Neutron's not-found message with {@code %s} for the id
     * @param userQueries per action, the queries for the projects that use the object through it
     */
    EntityObjectType(JpaTemplate jpa, String objectType, String entity, String notFound,
            Map<String, List<String>> userQueries) {
        this.jpa = jpa;
        this.objectType = objectType;
        this.entity = entity;
        this.notFound = notFound;
        this.userQueries = userQueries;
    }

    @Override
    public String objectType() {
        return objectType;
    }

    @Override
    public Set<String> actions() {
        return userQueries.keySet();
    }

    @Override
    public String owner(String objectId) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT e.projectId FROM " + entity
                + " e WHERE e.id = :id", String.class).setParameter("id", objectId).getResultStream().findFirst()
                .orElse(null));
    }

    @Override
    public Set<String> users(String objectId, String action) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            Set<String> projects = new HashSet<>();
            for (String q : userQueries.getOrDefault(action, List.of())) {
                projects.addAll(em.createQuery(q, String.class).setParameter("id", objectId).getResultList());
            }
            return projects;
        });
    }

    @Override
    public String notFoundMessage(String objectId) {
        return String.format(notFound, objectId);
    }
}
