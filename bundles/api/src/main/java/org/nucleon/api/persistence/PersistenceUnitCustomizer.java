package org.nucleon.api.persistence;

import java.io.StringWriter;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.tools.schemaframework.DefaultTableGenerator;
import org.eclipse.persistence.tools.schemaframework.ForeignKeyConstraint;
import org.eclipse.persistence.tools.schemaframework.IndexDefinition;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;
import org.eclipse.persistence.tools.schemaframework.TableDefinition;
import org.eclipse.persistence.tools.schemaframework.UniqueKeyConstraint;
import org.nucleon.internal.Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session customizer of Nucleon's own persistence units: {@link SharedCacheCustomizer}'s cache
 * rule, and the schema step. A unit naming it sets {@code eclipselink.ddl-generation} to
 * {@code none}; at login this creates or extends the unit's tables as
 * {@code create-or-extend-tables} would, but only when a table's definition differs from the one this
 * database last got (table {@value #TABLE}: each table's name and a digest of the DDL EclipseLink
 * generates for it on this database). Checking every table and constraint against the database took
 * half of building the units at a restart, for nothing when no mapping changed.
 *
 * <p>A table dropped by hand behind the server's back is not made again until its definition
 * changes or its row in {@value #TABLE} is deleted. A change EclipseLink cannot apply (it only adds
 * tables, columns and constraints; this step adds the indexes a changed table lacks) is logged at the
 * boot that first sees it, not at every boot.
 */
public final class PersistenceUnitCustomizer implements SessionCustomizer {
    static final String TABLE = "NUCLEON_SCHEMA";
    private static final Logger LOG = LoggerFactory.getLogger(PersistenceUnitCustomizer.class);

    @Override
    public void customize(Session session) throws SQLException {
        String url = SharedCacheCustomizer.url(session);
        SharedCacheCustomizer.customize(session, url);
        if (!SharedCacheCustomizer.standIn(url)) {
            session.getEventManager().addListener(new SessionEventAdapter() {
                @Override
                public void postLogin(SessionEvent event) {
                    createOrExtendChangedTables((DatabaseSession) event.getSession());
                }
            });
        }
    }

    static void createOrExtendChangedTables(DatabaseSession session) {
        SchemaManager schema = new SchemaManager(session);
        List<TableDefinition> tables = definitions(session);
        Map<String, String> digests = digests((AbstractSession) session, tables);
        Map<String, String> known = known(session, schema);
        Set<String> changed = new TreeSet<>();
        digests.forEach((table, digest) -> {
            if (!digest.equals(known.get(table))) {
                changed.add(table);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        LOG.info("creating or extending the tables of {}: new or changed since this database last saw them: {}",
                session.getName(), changed);
        schema.extendDefaultTables(true);
        createMissingIndexes(session, schema, tables, changed);
        changed.forEach(table -> record(session, table, digests.get(table)));
    }

    /**
     * Extending a table that exists adds its columns and constraints, never its indexes: a changed
     * table gets here the indexes it declares and lacks, so a database made by an older version gets
     * the indexes its reads need too.
     */
    private static void createMissingIndexes(DatabaseSession session, SchemaManager schema,
            List<TableDefinition> tables, Set<String> changed) {
        for (TableDefinition table : tables) {
            if (!changed.contains(table.getFullName()) || table.getIndexes().isEmpty()) {
                continue;
            }
            Set<String> present = indexesOf(session, table.getName());
            if (present == null) {
                LOG.warn("cannot tell which indexes {} has on this database; any it lacks must be made by hand",
                        table.getName());
                continue;
            }
            for (IndexDefinition index : table.getIndexes()) {
                if (!present.contains(index.getName().toUpperCase(Locale.ROOT))) {
                    try {
                        schema.createObject(index);
                    } catch (DatabaseException e) {
                        // another server sharing the database made it first
                    }
                }
            }
        }
    }

    /** The names of the table's indexes, upper case; null on a database whose catalogue is not read here. */
    private static Set<String> indexesOf(DatabaseSession session, String table) {
        String name = table.replace("'", "''");
        String sql;
        if (session.getPlatform().isDerby()) {
            sql = "SELECT c.CONGLOMERATENAME FROM SYS.SYSCONGLOMERATES c JOIN SYS.SYSTABLES t ON c.TABLEID = t.TABLEID"
                    + " WHERE c.ISINDEX AND t.TABLENAME = UPPER('" + name + "')";
        } else if (session.getPlatform().isPostgreSQL()) {
            sql = "SELECT indexname FROM pg_indexes WHERE tablename = LOWER('" + name + "')";
        } else if (session.getPlatform().isMySQL()) {
            sql = "SELECT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()"
                    + " AND table_name = '" + name + "'";
        } else {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (Object row : session.executeSQL(sql)) {
            names.add(String.valueOf(((AbstractRecord) row).getValues().get(0)).toUpperCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * Each of the unit's tables by name, with a digest of the DDL EclipseLink generates for it on the
     * session's database (table, keys, constraints, indexes). It must come out the same in every JVM,
     * or the tables are checked at every start: a column mapped twice (a relationship's join column and
     * a plain value) must say the same of itself in both mappings, since EclipseLink takes either.
     */
    public static Map<String, String> tableDigests(Session session) {
        return digests((AbstractSession) session, definitions(session));
    }

    private static Map<String, String> digests(AbstractSession generating, List<TableDefinition> tables) {
        Map<String, String> digests = new HashMap<>();
        for (TableDefinition table : tables) {
            Set<String> parts = new TreeSet<>();
            parts.add(table.buildCreationWriter(generating, new StringWriter()).toString());
            for (ForeignKeyConstraint key : table.getForeignKeys()) {
                parts.add(table.buildConstraintCreationWriter(generating, key, new StringWriter()).toString());
            }
            for (UniqueKeyConstraint key : table.getUniqueKeys()) {
                parts.add(table.buildUniqueConstraintCreationWriter(generating, key, new StringWriter()).toString());
            }
            for (IndexDefinition index : table.getIndexes()) {
                parts.add(index.getName() + index.getFields() + index.isUnique());
            }
            digests.put(table.getFullName(), Digest.sha256(String.join("\n", parts)));
        }
        return digests;
    }

    /** The unit's tables as EclipseLink would create them on the session's database. */
    private static List<TableDefinition> definitions(Session session) {
        return new DefaultTableGenerator(((AbstractSession) session).getProject(), true)
                .generateDefaultTableCreator().getTableDefinitions();
    }

    /** What {@value #TABLE} holds; empty when it is not there yet, which makes it. */
    private static Map<String, String> known(DatabaseSession session, SchemaManager schema) {
        TableDefinition definition = new TableDefinition();
        definition.setName(TABLE);
        definition.addPrimaryKeyField("TABLE_NAME", String.class, 255);
        definition.addField("DEFINITION_SHA256", String.class, 64);
        if (!schema.checkTableExists(definition)) {
            try {
                schema.createObject(definition);
            } catch (DatabaseException e) {
                // another server sharing the database made it first
            }
            return Map.of();
        }
        Map<String, String> known = new HashMap<>();
        for (Object row : session.executeSQL("SELECT TABLE_NAME, DEFINITION_SHA256 FROM " + TABLE)) {
            List<?> values = ((AbstractRecord) row).getValues();
            known.put((String) values.get(0), (String) values.get(1));
        }
        return known;
    }

    private static void record(DatabaseSession session, String table, String digest) {
        String name = table.replace("'", "''");
        session.executeNonSelectingSQL("DELETE FROM " + TABLE + " WHERE TABLE_NAME = '" + name + "'");
        try {
            session.executeNonSelectingSQL("INSERT INTO " + TABLE + " (TABLE_NAME, DEFINITION_SHA256) VALUES ('"
                    + name + "', '" + digest + "')");
        } catch (DatabaseException e) {
            // another server sharing the database recorded it at the same moment
        }
    }
}
