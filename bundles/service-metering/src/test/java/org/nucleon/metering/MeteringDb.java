package org.nucleon.metering;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.nucleon.api.context.RequestContext;

/**
 * The metering persistence unit as the tests run it: real EclipseLink on a private in-memory
 * Derby, and each call of the template its own resource-local transaction in place of JTA
 * (the handlers never nest them). Also the two handlers, wired as DS would.
 */
final class MeteringDb implements JpaTemplate, AutoCloseable {
    static final RequestContext ADMIN = new RequestContext("fake_project_id", "fake_user_id", List.of("admin"), true,
            "req-metering-test");

    private final EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory(
            "nucleon-metering", Map.of("javax.persistence.transactionType", "RESOURCE_LOCAL",
                    "javax.persistence.jtaDataSource", "",
                    "javax.persistence.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver",
                    "javax.persistence.jdbc.url", "jdbc:derby:memory:metering-" + UUID.randomUUID() + ";create=true",
                    "eclipselink.logging.level", "WARNING"));
    final MeteringLabelHandler labels = new MeteringLabelHandler();
    final MeteringLabelRuleHandler rules = new MeteringLabelRuleHandler();

    MeteringDb() {
        labels.jpa = this;
        rules.jpa = this;
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            R result = code.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return Boolean.TRUE;
        });
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    @Override
    public void close() {
        factory.close();
    }
}
