package org.nucleon.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;

/** Id restrictions and changed_since in the database, with sorting and keyset paging, on Derby. */
public class ListQueriesTest {
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "name", "name");
    private static final List<SortKey> BY_ID = List.of(new SortKey("id", true));
    private static final List<SortKey> BY_NAME_DESC = List.of(new SortKey("name", false), new SortKey("id", true));

    private EntityManagerFactory emf;
    private EntityManager em;

    @Before
    public void setUp() {
        emf = new PersistenceProvider().createEntityManagerFactory("nucleon-api-test", Map.of(
                "javax.persistence.jdbc.url", "jdbc:derby:memory:listqueries-" + UUID.randomUUID() + ";create=true"));
        em = emf.createEntityManager();
        em.getTransaction().begin();
        // g1 .. g6, g<n> last updated on day n of 2024
        for (int n = 1; n <= 6; n++) {
            em.persist(new GadgetEntity("g" + n, "name-" + (n % 3)));
        }
        em.flush();
        for (int n = 1; n <= 6; n++) {
            em.createQuery("UPDATE GadgetEntity g SET g.updatedAt = :t WHERE g.id = :id")
                    .setParameter("t", LocalDateTime.of(2024, 1, n, 12, 0)).setParameter("id", "g" + n)
                    .executeUpdate();
        }
        em.getTransaction().commit();
        em.clear();
    }

    @After
    public void tearDown() {
        em.close();
        emf.close();
    }

    private List<String> ids(ListQuery q) {
        return ListQueries.list(em, GadgetEntity.class, q, COLUMNS, "Gadget", ListQueries.all(), null).stream().map(g -> g.id).toList();
    }

    private static ListQuery page(List<SortKey> sorts, int limit, String marker, boolean reverse) {
        return new ListQuery(Map.of(), sorts, limit, marker, reverse);
    }

    /** What a caller may see, as a handler's visibility would narrow it: the gadgets named name-1 or name-2. */
    private static final ListQueries.Scope<GadgetEntity> NOT_NAME_0 = (cb, query, root) -> cb.notEqual(
            root.get("name"), "name-0");

    private List<String> visibleIds(ListQuery q) {
        return ListQueries.list(em, GadgetEntity.class, q, COLUMNS, "Gadget", NOT_NAME_0, null).stream()
                .map(g -> g.id).toList();
    }

    @Test
    public void theScopeHoldsInTheDatabaseSoPagesAreFull() {
        // g3 and g6 are name-0, out of sight
        assertEquals(List.of("g1", "g2", "g4", "g5"), visibleIds(ListQuery.all()));
        assertEquals(List.of("g1", "g2"), visibleIds(page(BY_ID, 2, null, false)));
        assertEquals(List.of("g4", "g5"), visibleIds(page(BY_ID, 2, "g2", false)));
        assertEquals(List.of("g1", "g2"), visibleIds(page(BY_ID, 2, "g4", true)));
        assertEquals(List.of(), visibleIds(ListQuery.all().onlyIds(Set.of("g3", "g6"))));
    }

    @Test
    public void aMarkerOutOfScopeIsTheResources404() {
        try {
            visibleIds(page(BY_ID, 2, "g3", false));
            fail("a marker the caller may not see");
        } catch (NeutronException e) {
            assertEquals("GadgetNotFound", e.type());
            assertEquals("Gadget g3 could not be found.", e.getMessage());
        }
        // the same marker is fine for a caller that sees everything
        assertEquals(List.of("g4", "g5"), ids(page(BY_ID, 2, "g3", false)));
    }

    @Test
    public void onlyTheAllowedIdsPass() {
        assertEquals(List.of("g2", "g4", "g5"), ids(ListQuery.all().onlyIds(Set.of("g5", "g2", "g4", "nope"))));
        // restrictions add up: the ids both allow
        assertEquals(List.of("g4"), ids(ListQuery.all().onlyIds(Set.of("g2", "g4")).onlyIds(Set.of("g4", "g5"))));
    }

    @Test
    public void noAllowedIdMeansNoItem() {
        assertEquals(List.of(), ids(ListQuery.all().onlyIds(Set.of())));
        assertEquals(List.of(), ids(ListQuery.all().onlyIds(Set.of("g1")).onlyIds(Set.of("g2"))));
    }

    @Test
    public void excludedIdsDoNotPass() {
        assertEquals(List.of("g1", "g3", "g6"), ids(ListQuery.all().excludingIds(Set.of("g2", "g4"))
                .excludingIds(Set.of("g5"))));
        assertEquals(List.of("g3"), ids(ListQuery.all().onlyIds(Set.of("g2", "g3")).excludingIds(Set.of("g2"))));
    }

    @Test
    public void restrictionsApplyBeforePagingAndSorting() {
        ListQuery allowed = page(BY_NAME_DESC, 2, null, false).onlyIds(Set.of("g1", "g2", "g4", "g5", "g6"))
                .excludingIds(Set.of("g5"));
        // names: g1 name-1, g2 name-2, g4 name-1, g6 name-0
        assertEquals(List.of("g2", "g1"), ids(allowed));
        ListQuery next = page(BY_NAME_DESC, 2, "g1", false).onlyIds(allowed.ids()).excludingIds(allowed.excludedIds());
        assertEquals(List.of("g4", "g6"), ids(next));
        ListQuery back = page(BY_NAME_DESC, 2, "g4", true).onlyIds(allowed.ids()).excludingIds(allowed.excludedIds());
        assertEquals(List.of("g2", "g1"), ids(back));
    }

    @Test
    public void markerOutsideTheRestrictionStillFindsItsPlace() {
        // Neutron looks the marker up by id alone
        assertEquals(List.of("g4"), ids(page(BY_ID, 5, "g3", false).onlyIds(Set.of("g2", "g4"))));
    }

    @Test(expected = NeutronException.class)
    public void unknownMarkerIsStillA404() {
        ids(page(BY_ID, 5, "nope", false).onlyIds(Set.of("g2")));
    }

    @Test
    public void changedSinceKeepsItemsUpdatedAtOrAfterIt() {
        Instant day4Noon = LocalDateTime.of(2024, 1, 4, 12, 0).toInstant(ZoneOffset.UTC);
        assertEquals(List.of("g4", "g5", "g6"), ids(ListQuery.all().withChangedSince(day4Noon)));
        assertEquals(List.of("g5", "g6"), ids(ListQuery.all().withChangedSince(day4Noon.plusSeconds(1))));
        assertEquals(List.of("g5"), ids(page(BY_ID, 1, "g4", false).withChangedSince(day4Noon)));
        assertTrue(ids(ListQuery.all().withChangedSince(Instant.parse("2030-01-01T00:00:00Z"))).isEmpty());
    }

    @Test
    public void touchBumpsTheRevisionAndUpdatedAt() {
        em.getTransaction().begin();
        GadgetEntity g = em.find(GadgetEntity.class, "g1");
        long revision = g.revisionNumber;
        g.touch();
        em.getTransaction().commit();
        em.clear();
        GadgetEntity after = em.find(GadgetEntity.class, "g1");
        assertEquals(revision + 1, after.revisionNumber);
        assertTrue(after.updatedAt.isAfter(LocalDateTime.of(2024, 1, 1, 12, 0)));
    }

    @Test
    public void onlyAnUnrestrictedPageSortedByIdAloneHoldsItsIdRange() {
        assertTrue(ListQueries.holdsItsIdRange(list(page(BY_ID, 2, "g2", false), ListQueries.all(), null)));
        assertTrue(ListQueries.holdsItsIdRange(list(page(BY_ID, 2, "g5", true), ListQueries.all(), null)));
        assertTrue(ListQueries.holdsItsIdRange(list(ListQuery.all(), ListQueries.all(), null)));
        // each of these may leave out rows between its first and last id
        assertFalse(ListQueries.holdsItsIdRange(list(page(BY_NAME_DESC, 2, null, false), ListQueries.all(), null)));
        assertFalse(ListQueries.holdsItsIdRange(list(page(BY_ID, 2, null, false), NOT_NAME_0, null)));
        assertFalse(ListQueries.holdsItsIdRange(list(new ListQuery(Map.of("name", List.of("name-1")), BY_ID, 2, null,
                false), ListQueries.all(), null)));
        assertFalse(ListQueries.holdsItsIdRange(list(page(BY_ID, 2, null, false), ListQueries.all(),
                root -> em.getCriteriaBuilder().notEqual(root.get("id"), "g2"))));
        assertFalse(ListQueries.holdsItsIdRange(list(ListQuery.all().onlyIds(Set.of("g1", "g3")), ListQueries.all(),
                null)));
    }

    @Test
    public void aPageThatHoldsItsIdRangeIsReadByThatRangeWithoutCheckingTheTable() {
        em.getTransaction().begin();
        for (int n = 10; n < 80; n++) {
            em.persist(new GadgetEntity("g" + n, "name-" + n));
        }
        em.getTransaction().commit();
        List<GadgetEntity> page = list(page(BY_ID, 70, "g1", false), ListQueries.all(), null);
        // "NoSuchEntity": the density check would fail on it, so this passes only without the check
        PageKeys keys = PageKeys.of(em, "NoSuchEntity", page, g -> g.id);
        assertEquals(page.stream().map(g -> g.id).toList(), keys.query(em,
                "SELECT g.id FROM GadgetEntity g WHERE %s ORDER BY g.id", "g.id", String.class, id -> id));
        try {
            PageKeys.of(em, "NoSuchEntity", new ArrayList<>(page), g -> g.id);
            fail("any other page of more than 64 is checked against its table");
        } catch (IllegalArgumentException expected) {
            // the check's query names the entity
        }
    }

    private List<GadgetEntity> list(ListQuery q, ListQueries.Scope<GadgetEntity> scope,
            Function<Root<GadgetEntity>, Predicate> extra) {
        return ListQueries.list(em, GadgetEntity.class, q, COLUMNS, "Gadget", scope, extra);
    }

    /**
     * A page's entities stay out of the shared cache, which only churned on long lists, unless they map
     * relationships: a cached network keeps its segments loaded, which its next list would read again.
     */
    @Test
    public void onlyEntitiesWithRelationshipsAreKeptInTheSharedCacheByAList() {
        em.getTransaction().begin();
        em.persist(new BoxEntity("b1", "red"));
        em.getTransaction().commit();
        emf.getCache().evictAll();
        em.clear();
        assertEquals(List.of("g1", "g2", "g3", "g4", "g5", "g6"), ids(page(BY_ID, 0, null, false)));
        assertFalse(emf.getCache().contains(GadgetEntity.class, "g1"));
        List<BoxEntity> boxes = ListQueries.list(em, BoxEntity.class, page(BY_ID, 0, null, false), Map.of("id", "id"),
                "Box", ListQueries.all(), null);
        assertEquals(List.of("red"), boxes.get(0).labels);
        assertTrue(emf.getCache().contains(BoxEntity.class, "b1"));
    }
}
