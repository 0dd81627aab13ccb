package org.nucleon.ml2.securitygroup;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.nucleon.ml2.securitygroup.Fixture.ADMIN;
import static org.nucleon.ml2.securitygroup.Fixture.assertError;

import java.util.List;
import java.util.Map;
import javax.persistence.PersistenceException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nucleon.api.persistence.PageKeys;

/** The port side of security groups, as the port handler calls it inside its transactions. */
public class PortBindingsTest {
    private static final String UNKNOWN = "11111111-2222-3333-4444-555555555555";
    private Fixture f;
    private String web;
    private String db;

    @Before
    public void setUp() {
        f = new Fixture();
        web = f.group("p1", "web");
        db = f.group("p1", "db");
    }

    @After
    public void tearDown() {
        f.close();
    }

    @Test
    public void validateGroupsNamesTheMissingOnes() {
        assertEquals(List.of(web, db), f.jpa.txExpr(em -> f.groups.validateGroups(em, ADMIN, "p1",
                List.of(web, db, web))));
        assertError(404, "SecurityGroupNotFound", "Security group " + UNKNOWN + ", junk does not exist",
                () -> f.jpa.txExpr(em -> f.groups.validateGroups(em, ADMIN, "p1", List.of(web, UNKNOWN, "junk"))));
    }

    @Test
    public void anotherProjectsGroupOnlyForAnAdmin() {
        assertError(404, "SecurityGroupNotFound", "Security group " + web + " does not exist",
                () -> f.jpa.txExpr(em -> f.groups.validateGroups(em, Fixture.member("p2"), "p2", List.of(web))));
        assertEquals(List.of(web), f.jpa.txExpr(em -> f.groups.validateGroups(em, ADMIN, "p2", List.of(web))));
    }

    @Test
    public void bindListAndUnbind() {
        f.jpa.tx(em -> {
            f.groups.bind(em, "port-a", List.of(web, db));
            f.groups.bind(em, "port-b", List.of(db));
        });
        Map<String, List<String>> groups = f.jpa.txExpr(em -> f.groups.groupsOf(em,
                PageKeys.of(List.of("port-a", "port-b", "port-c"))));
        assertEquals(List.of(web, db).stream().sorted().toList(), groups.get("port-a"));
        assertEquals(List.of(db), groups.get("port-b"));
        assertEquals(List.of(), groups.get("port-c"));
        f.jpa.tx(em -> f.groups.unbind(em, "port-a"));
        assertEquals(List.of(),
                f.jpa.txExpr(em -> f.groups.groupsOf(em, PageKeys.of(List.of("port-a")))).get("port-a"));
    }

    @Test
    public void theDatabaseRefusesABindingTwiceOrToNoGroup() {
        f.jpa.tx(em -> f.groups.bind(em, "port-a", List.of(web)));
        for (String group : List.of(web, UNKNOWN)) {
            try {
                f.jpa.tx(em -> f.groups.bind(em, "port-a", List.of(group)));
                fail("bound port-a to " + group);
            } catch (PersistenceException expected) {
                assertEquals(List.of(web), f.jpa.txExpr(em -> f.groups.groupsOf(em, PageKeys.of(List.of("port-a"))))
                        .get("port-a"));
            }
        }
    }

    @Test
    public void ensureDefaultIsStable() {
        String id = f.groups.ensureDefault(Fixture.ADMIN, "p1");
        assertEquals(id, f.groups.ensureDefault(Fixture.ADMIN, "p1"));
        assertEquals("default", f.groupHandler.get(ADMIN, id).get("name"));
    }
}
