package org.nucleon.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.nucleon.api.context.RequestContext;

/**
 * A plugin's persistence unit outside OSGi: real EclipseLink on an in-memory Derby, with
 * resource-local transactions standing in for JTA. Nested calls on one thread share the
 * transaction, as units do under JTA. One instance, one database.
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
            return code.apply(outer);
        }
        EntityManager em = emf.createEntityManager();
        current.set(em);
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
        } finally {
            current.remove();
            em.close();
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

    @Override
    public void close() {
        emf.close();
    }
}
