package org.nucleon.extensions.tags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import org.nucleon.api.persistence.PageKeys;

/** The tag table, inside the caller's transaction. Each change says whether it changed anything. */
final class TagStore {
    private TagStore() {
    }

    /** The tags of one resource, in order. */
    static List<String> tagsOf(EntityManager em, String id) {
        return em.createQuery("SELECT t.tag FROM TagEntity t WHERE t.resourceId = :id ORDER BY t.tag", String.class)
                .setParameter("id", id).getResultList();
    }

    /**
     * Resource id to its tags in order, for those of the ids that have some: a page's id range in one read, or
     * IN lists for a few ids or a spread-out page (PageKeys; one IN list of a whole page made Derby scan the
     * table).
     */
    static Map<String, List<String>> tagsOf(EntityManager em, Collection<String> ids) {
        Map<String, List<String>> out = new HashMap<>();
        PageKeys.unchecked(ids, 4 * ids.size()).query(em,
                "SELECT t.resourceId, t.tag FROM TagEntity t WHERE %s ORDER BY t.resourceId, t.tag",
                "t.resourceId", Object[].class, row -> (String) row[0])
                .forEach(row -> out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]));
        return out;
    }

    /** Adds the tags the resource does not have yet; at most {@link Tags#MAX_TAGS_COUNT} in all. */
    static boolean add(EntityManager em, String type, String id, Collection<String> tags) {
        Set<String> have = new HashSet<>(tagsOf(em, id));
        Set<String> added = new LinkedHashSet<>(tags);
        added.removeAll(have);
        Tags.checkCount(have.size() + added.size());
        added.forEach(t -> em.persist(new TagEntity(type, id, t)));
        return !added.isEmpty();
    }

    /** Makes the resource's tags exactly these. */
    static boolean replace(EntityManager em, String type, String id, Collection<String> tags) {
        Set<String> wanted = new HashSet<>(tags);
        Tags.checkCount(wanted.size());
        boolean removed = false;
        for (String t : tagsOf(em, id)) {
            if (!wanted.contains(t)) {
                removed |= remove(em, id, t);
            }
        }
        boolean added = add(em, type, id, wanted);
        return added || removed;
    }

    /** Removes one tag; false when the resource did not have it. */
    static boolean remove(EntityManager em, String id, String tag) {
        return em.createQuery("DELETE FROM TagEntity t WHERE t.resourceId = :id AND t.tag = :tag")
                .setParameter("id", id).setParameter("tag", tag).executeUpdate() > 0;
    }

    static boolean removeAll(EntityManager em, String id) {
        return em.createQuery("DELETE FROM TagEntity t WHERE t.resourceId = :id").setParameter("id", id)
                .executeUpdate() > 0;
    }

    /** Ids of the collection's resources that have every one of the tags. */
    static Set<String> withAll(EntityManager em, String type, Set<String> tags) {
        return new HashSet<>(em.createQuery("SELECT t.resourceId FROM TagEntity t WHERE t.resourceType = :type "
                + "AND t.tag IN :tags GROUP BY t.resourceId HAVING COUNT(t.tag) = :n", String.class)
                .setParameter("type", type).setParameter("tags", tags).setParameter("n", (long) tags.size())
                .getResultList());
    }

    /** Ids of the collection's resources that have at least one of the tags. */
    static Set<String> withAny(EntityManager em, String type, Set<String> tags) {
        return new HashSet<>(em.createQuery("SELECT DISTINCT t.resourceId FROM TagEntity t WHERE t.resourceType = "
                + ":type AND t.tag IN :tags", String.class).setParameter("type", type).setParameter("tags", tags)
                .getResultList());
    }
}
