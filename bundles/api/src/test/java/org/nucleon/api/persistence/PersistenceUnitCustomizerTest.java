package org.nucleon.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.Test;

public class PersistenceUnitCustomizerTest {
    private final String url = "jdbc:derby:memory:schema-" + UUID.randomUUID();

    @Test
    public void aNewDatabaseGetsTheTablesAndTheirDigests() throws Exception {
        deploy();
        assertTrue(tableExists("GADGETS"));
        assertTrue(tableExists("BOXES"));
        Map<String, String> digests = digests();
        assertEquals(Map.of("box_labels", 64, "boxes", 64, "gadgets", 64), lengths(digests));

        EntityManagerFactory emf = unit();
        try {
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            em.persist(new GadgetEntity("g1", "one"));
            em.getTransaction().commit();
            em.close();
        } finally {
            emf.close();
        }
    }

    @Test
    public void tablesWhoseDefinitionIsUnchangedAreNotCheckedAgain() throws Exception {
        deploy();
        Map<String, String> digests = digests();
        execute("DROP TABLE GADGETS");

        deploy();
        // had the step checked the tables, it would have made GADGETS again
        assertFalse(tableExists("GADGETS"));
        assertEquals(digests, digests());
    }

    @Test
    public void aTableWhoseDefinitionChangedIsExtended() throws Exception {
        deploy();
        Map<String, String> digests = digests();
        execute("DROP TABLE GADGETS");
        execute("UPDATE " + PersistenceUnitCustomizer.TABLE + " SET DEFINITION_SHA256 = 'old' WHERE TABLE_NAME = 'gadgets'");

        deploy();
        assertTrue(tableExists("GADGETS"));
        assertEquals(digests, digests());
    }

    @Test
    public void aChangedTableGetsTheIndexesItLacks() throws Exception {
        deploy();
        assertTrue(indexExists("GADGETS", "IX_GADGETS_NAME"));
        execute("DROP INDEX IX_GADGETS_NAME");
        deploy();
        assertFalse("an unchanged table is left as it is", indexExists("GADGETS", "IX_GADGETS_NAME"));

        // as a database made before the index was declared
        execute("UPDATE " + PersistenceUnitCustomizer.TABLE + " SET DEFINITION_SHA256 = 'old' WHERE TABLE_NAME = 'gadgets'");
        deploy();
        assertTrue(indexExists("GADGETS", "IX_GADGETS_NAME"));
        Map<String, String> digests = digests();
        execute("UPDATE " + PersistenceUnitCustomizer.TABLE + " SET DEFINITION_SHA256 = 'old' WHERE TABLE_NAME = 'gadgets'");
        deploy();
        assertEquals("an index already there is not a failure", digests, digests());
    }

    /** Builds the unit, which logs in and so runs the schema step, and closes it again. */
    private void deploy() {
        EntityManagerFactory emf = unit();
        emf.createEntityManager().close();
        emf.close();
    }

    private EntityManagerFactory unit() {
        return new PersistenceProvider().createEntityManagerFactory("nucleon-api-schema-test",
                Map.of("javax.persistence.jdbc.url", url + ";create=true"));
    }

    private Map<String, String> digests() throws SQLException {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT TABLE_NAME, DEFINITION_SHA256 FROM "
                     + PersistenceUnitCustomizer.TABLE)) {
            while (rows.next()) {
                digests.put(rows.getString(1), rows.getString(2));
            }
        }
        return digests;
    }

    private static Map<String, Integer> lengths(Map<String, String> digests) {
        Map<String, Integer> lengths = new TreeMap<>();
        digests.forEach((table, digest) -> lengths.put(table, digest.length()));
        return lengths;
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rows = c.getMetaData().getTables(null, null, table, null)) {
            return rows.next();
        }
    }

    private boolean indexExists(String table, String index) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rows = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rows.next()) {
                if (index.equals(rows.getString("INDEX_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
