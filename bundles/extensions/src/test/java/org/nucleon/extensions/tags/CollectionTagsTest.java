package org.nucleon.extensions.tags;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.After;
import org.junit.Test;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.plugin.MemberSubResource.Operation;
import org.nucleon.api.plugin.MemberSubResource.Parent;
import org.nucleon.api.plugin.MemberSubResource.Reply;
import org.nucleon.api.query.ListQuery;
import org.nucleon.testsupport.JpaFixture;

/** The tags of a collection on the real persistence unit: routes, validation, the attribute and the filters. */
public class CollectionTagsTest {
    private final JpaFixture jpa = new JpaFixture("nucleon-tags");
    private final CollectionTags networks = new CollectionTags("networks", jpa);
    private final CollectionTags ports = new CollectionTags("ports", jpa);
    private final AtomicInteger touches = new AtomicInteger();

    @After
    public void tearDown() {
        jpa.close();
    }

    private Parent parent(String id) {
        return new Parent("networks", id, Map.of("id", id), touches::incrementAndGet);
    }

    private Reply call(Operation op, String id, String item, Object body) {
        return networks.handle(JpaFixture.ADMIN, op, parent(id), item, body);
    }

    private List<?> tagsOf(String id) {
        return (List<?>) ((Map<?, ?>) call(Operation.INDEX, id, null, null).body()).get("tags");
    }

    private static Map<String, Object> body(Object tags) {
        Map<String, Object> m = new HashMap<>();
        m.put("tags", tags);
        return m;
    }

    private static void assertInvalid(String message, Runnable r) {
        try {
            r.run();
            fail("expected InvalidInput: " + message);
        } catch (NeutronException e) {
            assertEquals(400, e.status());
            assertEquals("InvalidInput", e.type());
            assertEquals("Invalid input for operation: " + message + ".", e.getMessage());
        }
    }

    @Test
    public void routesWithNeutronsStatusCodes() {
        Reply index = call(Operation.INDEX, "n1", null, null);
        assertEquals(200, index.status());
        assertEquals(Map.of("tags", List.of()), index.body());
        Reply one = call(Operation.UPDATE, "n1", "red", null);
        assertEquals(201, one.status());
        assertNull(one.body());
        assertEquals(204, call(Operation.SHOW, "n1", "red", null).status());
        Reply all = call(Operation.UPDATE_ALL, "n1", null, body(List.of("foo", "bar", "baz")));
        assertEquals(200, all.status());
        // the answer repeats the body; the index is in order
        assertEquals(Map.of("tags", List.of("foo", "bar", "baz")), all.body());
        assertEquals(List.of("bar", "baz", "foo"), tagsOf("n1"));
        Reply created = call(Operation.CREATE, "n1", null, body(List.of("foo", "qux")));
        assertEquals(200, created.status());
        assertEquals(Map.of("tags", List.of("foo", "qux")), created.body());
        assertEquals(List.of("bar", "baz", "foo", "qux"), tagsOf("n1"));
        assertEquals(204, call(Operation.DELETE, "n1", "bar", null).status());
        assertEquals(List.of("baz", "foo", "qux"), tagsOf("n1"));
        assertEquals(204, call(Operation.DELETE_ALL, "n1", null, null).status());
        assertEquals(List.of(), tagsOf("n1"));
    }

    @Test
    public void missingTagIsTagNotFound() {
        for (Operation op : List.of(Operation.SHOW, Operation.DELETE)) {
            try {
                call(op, "n1", "nope", null);
                fail(op.toString());
            } catch (NeutronException e) {
                assertEquals(404, e.status());
                assertEquals("TagNotFound", e.type());
                assertEquals("Tag nope could not be found.", e.getMessage());
            }
        }
    }

    @Test
    public void onlyRealChangesBumpTheParentsRevision() {
        call(Operation.UPDATE, "n1", "red", null);
        assertEquals(1, touches.get());
        call(Operation.UPDATE, "n1", "red", null);
        call(Operation.CREATE, "n1", null, body(List.of("red")));
        call(Operation.UPDATE_ALL, "n1", null, body(List.of("red")));
        assertEquals(1, touches.get());
        call(Operation.UPDATE_ALL, "n1", null, body(List.of("blue")));
        assertEquals(2, touches.get());
        call(Operation.DELETE_ALL, "n1", null, null);
        call(Operation.DELETE_ALL, "n1", null, null);
        assertEquals(3, touches.get());
    }

    @Test
    public void tagsLongerThan255AreRefused() {
        String longTag = "x".repeat(256);
        String msg = "'" + longTag + "' exceeds maximum length of 255";
        for (Operation op : List.of(Operation.UPDATE, Operation.SHOW, Operation.DELETE)) {
            assertInvalid(msg, () -> call(op, "n1", longTag, null));
        }
        assertInvalid(msg, () -> call(Operation.UPDATE_ALL, "n1", null, body(List.of("ok", longTag))));
        assertInvalid(msg, () -> call(Operation.CREATE, "n1", null, body(List.of(longTag))));
        call(Operation.UPDATE, "n1", "x".repeat(255), null);
        assertEquals(List.of("x".repeat(255)), tagsOf("n1"));
    }

    @Test
    public void atMostFiftyTagsAndNothingChangesBeyond() {
        String msg = "The number of tags exceeds the limit of 50 per resource";
        List<String> fifty = IntStream.range(0, 50).mapToObj(i -> "t" + i).toList();
        List<String> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("t50");
        assertInvalid(msg, () -> call(Operation.UPDATE_ALL, "n1", null, body(fiftyOne)));
        assertEquals(List.of(), tagsOf("n1"));
        call(Operation.UPDATE_ALL, "n1", null, body(fifty));
        assertInvalid(msg, () -> call(Operation.UPDATE, "n1", "one-more", null));
        assertInvalid(msg, () -> call(Operation.CREATE, "n1", null, body(List.of("t1", "one-more"))));
        assertEquals(50, tagsOf("n1").size());
        // what it has already is no addition
        call(Operation.CREATE, "n1", null, body(List.of("t1", "t2")));
        call(Operation.UPDATE, "n1", "t3", null);
    }

    @Test
    public void badBodiesAreInvalidInputAndChangeNothing() {
        call(Operation.UPDATE, "n1", "keep", null);
        for (Operation op : List.of(Operation.UPDATE_ALL, Operation.CREATE)) {
            assertInvalid("Invalid tags body", () -> call(op, "n1", null, null));
            assertInvalid("Invalid tags body", () -> call(op, "n1", null, List.of("a")));
            assertInvalid("Invalid tags body", () -> call(op, "n1", null, Map.of("tag", List.of("a"))));
            assertInvalid("'a' is not a list", () -> call(op, "n1", null, body("a")));
            assertInvalid("'None' is not a list", () -> call(op, "n1", null, body(null)));
            assertInvalid("'1' is not a valid string", () -> call(op, "n1", null, body(List.of("ok", 1))));
            assertInvalid("'None' is not a valid string", () -> call(op, "n1", null, body(java.util.Arrays.asList(
                    "ok", null))));
            assertInvalid("Duplicate items in the list: 'a'", () -> call(op, "n1", null, body(List.of("a", "b", "a"))));
        }
        assertEquals(List.of("keep"), tagsOf("n1"));
        assertEquals(1, touches.get());
    }

    @Test
    public void everyItemShowsItsTagsInOrder() {
        call(Operation.UPDATE_ALL, "n1", null, body(List.of("b", "a")));
        List<Map<String, Object>> items = List.of(new LinkedHashMap<>(Map.of("id", "n1")),
                new LinkedHashMap<>(Map.of("id", "n2")));
        networks.extend(JpaFixture.ADMIN, items);
        assertEquals(List.of("a", "b"), items.get(0).get("tags"));
        assertEquals(List.of(), items.get(1).get("tags"));
    }

    /**
     * A page longer than one IN list: read by its id range, or by IN lists when the range holds many other
     * tags (a filtered page); each item gets its own tags, in order, either way.
     */
    @Test
    public void aLongPageShowsEachItemsOwnTags() {
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> String.format("%08d-0000-0000-0000-000000000000", i))
                .toList();
        for (int i = 0; i < ids.size(); i++) {
            call(Operation.UPDATE_ALL, ids.get(i), null, body(i % 2 == 0 ? List.of("t" + i, "even") : List.of("odd")));
        }
        for (List<String> page : List.of(ids.subList(50, 150), IntStream.range(0, 300).filter(i -> i % 4 == 1)
                .mapToObj(ids::get).toList())) {
            List<Map<String, Object>> items = new ArrayList<>();
            page.forEach(id -> items.add(new LinkedHashMap<>(Map.of("id", id))));
            networks.extend(JpaFixture.ADMIN, items);
            for (Map<String, Object> item : items) {
                int i = ids.indexOf((String) item.get("id"));
                assertEquals(item.toString(), i % 2 == 0 ? List.of("even", "t" + i) : List.of("odd"), item.get("tags"));
            }
        }
    }

    private Set<String> filtered(CollectionTags tags, Map<String, List<Object>> filters) {
        ListQuery q = tags.restrict(JpaFixture.ADMIN, new ListQuery(filters, List.of(), 0, null, false));
        Set<String> out = new java.util.TreeSet<>();
        for (String id : List.of("n1", "n2", "n3", "n4", "p1")) {
            if (q.admits(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Test
    public void theFourFiltersAsNeutrons() {
        call(Operation.UPDATE_ALL, "n1", null, body(List.of("red", "blue")));
        call(Operation.UPDATE_ALL, "n2", null, body(List.of("red")));
        call(Operation.UPDATE_ALL, "n3", null, body(List.of("blue", "green")));
        // n4 has none; p1 is a port with the same tags, which network filters never see
        ports.handle(JpaFixture.ADMIN, Operation.UPDATE_ALL, new Parent("ports", "p1", Map.of(), () -> { }), null,
                body(List.of("red", "blue")));
        Set<String> p1 = Set.of("p1");

        assertEquals(Set.of("n1"), filtered(networks, Map.of("tags", List.of("red,blue"))));
        // a repeated key adds to the list
        assertEquals(Set.of("n1"), filtered(networks, Map.of("tags", List.of("red", "blue"))));
        assertEquals(Set.of("n1", "n2", "n3"), filtered(networks, Map.of("tags-any", List.of("red,green"))));
        assertEquals(Set.of("n2", "n3", "n4", "p1"), filtered(networks, Map.of("not-tags", List.of("red,blue"))));
        assertEquals(Set.of("n4", "p1"), filtered(networks, Map.of("not-tags-any", List.of("red,green"))));
        // together they AND
        assertEquals(Set.of("n3"), filtered(networks, Map.of("tags-any", List.of("blue"), "not-tags",
                List.of("red"))));
        assertEquals(Set.of(), filtered(networks, Map.of("tags", List.of("nothing-has-this"))));
        assertEquals(p1, filtered(ports, Map.of("tags", List.of("red,blue"))));
        // without any of its keys the query passes as it came
        ListQuery plain = ListQuery.all();
        assertEquals(plain, networks.restrict(JpaFixture.ADMIN, plain));
    }

    @Test
    public void tagsComeWithACreateBodyAndGoWithTheResource() {
        TagCallbacks callbacks = new TagCallbacks(jpa);
        Map<String, Object> request = Map.of("name", "p", "tags", List.of("web", "db"));
        callbacks.handle(new ResourceEvent("port", Event.PRECOMMIT_CREATE, JpaFixture.ADMIN, "p1", request, null,
                request));
        callbacks.handle(new ResourceEvent("port", Event.PRECOMMIT_CREATE, JpaFixture.ADMIN, "p2", Map.of(), null,
                Map.of("tags", List.of())));
        callbacks.handle(new ResourceEvent("qos_policy", Event.PRECOMMIT_CREATE, JpaFixture.ADMIN, "q1", Map.of(),
                null, Map.of("tags", List.of("gold"))));
        assertEquals(Set.of("p1"), filtered(ports, Map.of("tags", List.of("web,db"))));
        assertTrue(new CollectionTags("policies", jpa).restrict(JpaFixture.ADMIN, new ListQuery(Map.of("tags",
                List.of("gold")), List.of(), 0, null, false)).admits("q1"));
        callbacks.handle(new ResourceEvent("port", Event.PRECOMMIT_DELETE, JpaFixture.ADMIN, "p1", Map.of(), Map.of(),
                null));
        assertEquals(Set.of(), filtered(ports, Map.of("tags-any", List.of("web,db"))));
        assertFalse(filtered(ports, Map.of("not-tags-any", List.of("web"))).isEmpty());
    }

    @Test
    public void aCreateBodyWithTooManyTagsIsVetoed() {
        TagCallbacks callbacks = new TagCallbacks(jpa);
        Map<String, Object> request = Map.of("tags", IntStream.range(0, 51).mapToObj(i -> "t" + i).toList());
        assertInvalid("The number of tags exceeds the limit of 50 per resource", () -> callbacks.handle(
                new ResourceEvent("port", Event.PRECOMMIT_CREATE, JpaFixture.ADMIN, "p1", request, null, request)));
    }
}
