package org.nucleon.testsupport;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.Column;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.JoinColumn;
import javax.persistence.metamodel.EntityType;
import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.nucleon.api.context.RequestContext;

/**
 * A plugin's persistence unit outside OSGi: real EclipseLink on an in-memory Derby, with
 * resource-local transactions standing in for JTA. Nested calls on one thread share the
 * transaction, as units do under JTA; a {@code Supports} call outside one runs in none, as there.
 * One instance, one database.
 */
public class JpaFixture implements JpaTemplate, AutoCloseable {
    public static final RequestContext ADMIN = new RequestContext("fake_project_id", "fake_user_id",
            List.of("admin"), true, "req-test");

    static {
        // as the distribution sets them: Derby locks rows, so concurrent writers deadlock and retry
        System.setProperty("derby.locks.deadlockTimeout", "1");
        System.setProperty("derby.locks.waitTimeout", "10");
    }

    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    /** The unit on a fresh database of its own. */
    public JpaFixture(String unit) {
        this(unit, unit + "-" + UUID.randomUUID());
    }

    /** The unit on a named in-memory database, which a second instance opens again as a restart does. */
    public JpaFixture(String unit, String database) {
        Map<String, Object> p = new HashMap<>();
        p.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        p.put("javax.persistence.jtaDataSource", "");
        p.put("javax.persistence.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver");
        p.put("javax.persistence.jdbc.url", "jdbc:derby:memory:" + database + ";create=true");
        p.put("eclipselink.logging.level", "WARNING");
        emf = new PersistenceProvider().createEntityManagerFactory(unit, p);
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        EntityManager outer = current.get();
        if (outer != null) {
            // a write inside a read gets a transaction, as JTA would begin one
            return type == TransactionType.Supports || outer.getTransaction().isActive() ? code.apply(outer)
                    : inTransaction(outer, code);
        }
        EntityManager em = emf.createEntityManager();
        current.set(em);
        try {
            // as under JTA: a read outside any transaction reads each statement's committed rows
            return type == TransactionType.Supports ? code.apply(em) : inTransaction(em, code);
        } finally {
            current.remove();
            em.close();
        }
    }

    private static <R> R inTransaction(EntityManager em, EmFunction<R> code) {
        EntityTransaction tx = em.getTransaction();
        tx.begin();
        try {
            R r = code.apply(em);
            tx.commit();
            return r;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        }
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    /**
     * Columns that two mappings of one entity name (a relationship's join column and the same column
     * as a plain value) but describe differently, nullable or unique in one and not in the other.
     * EclipseLink builds the column's DDL from either, so the unit's table definitions would differ from
     * one start to the next and its tables be checked at every start ({@code PersistenceUnitCustomizer}).
     */
    public List<String> columnsMappedTwiceThatDisagree() {
        List<String> found = new ArrayList<>();
        for (EntityType<?> entity : emf.getMetamodel().getEntities()) {
            Map<String, String> seen = new HashMap<>();
            for (Class<?> c = entity.getJavaType(); c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    Column column = field.getAnnotation(Column.class);
                    JoinColumn join = field.getAnnotation(JoinColumn.class);
                    String name = column != null ? column.name() : join != null ? join.name() : "";
                    if (name.isEmpty()) {
                        continue;
                    }
                    String described = column != null ? "nullable=" + column.nullable() + " unique=" + column.unique()
                            : "nullable=" + join.nullable() + " unique=" + join.unique();
                    String other = seen.putIfAbsent(name, described);
                    if (other != null && !other.equals(described)) {
                        found.add(entity.getName() + "." + name + ": " + other + " and " + described);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        emf.close();
    }
}
