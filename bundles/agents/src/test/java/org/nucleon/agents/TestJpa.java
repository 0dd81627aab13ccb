package org.nucleon.agents;

import java.util.HashMap;
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

/**
 * The agents persistence unit outside OSGi: EclipseLink on a fresh in-memory Derby. Nested
 * calls on one thread share the transaction, as under JTA.
 */
final class TestJpa implements JpaTemplate, AutoCloseable {
    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    TestJpa() {
        this("agents-" + UUID.randomUUID());
    }

    /** On a named in-memory database, which a second instance opens again as a restart does. */
    TestJpa(String database) {
        Map<String, Object> p = new HashMap<>();
        p.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        p.put("javax.persistence.jtaDataSource", "");
        p.put("javax.persistence.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver");
        p.put("javax.persistence.jdbc.url", "jdbc:derby:memory:" + database + ";create=true");
        emf = new PersistenceProvider().createEntityManagerFactory("nucleon-agents", p);
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
