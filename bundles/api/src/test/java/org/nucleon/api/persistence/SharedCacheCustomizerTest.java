package org.nucleon.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.eclipse.persistence.config.CacheIsolationType;
import org.eclipse.persistence.descriptors.RelationalDescriptor;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Project;
import org.eclipse.persistence.sessions.Session;
import org.junit.Test;

public class SharedCacheCustomizerTest {
    @Test
    public void onlyEmbeddedDerbyCannotBeShared() {
        assertTrue(SharedCacheCustomizer.embeddedDerby("jdbc:derby:/var/lib/nucleon/data/derby/neutron"));
        assertTrue(SharedCacheCustomizer.embeddedDerby("jdbc:derby:memory:test"));
        assertFalse(SharedCacheCustomizer.embeddedDerby("jdbc:derby://db.example:1527/neutron"));
        assertFalse(SharedCacheCustomizer.embeddedDerby("jdbc:postgresql://127.0.0.1:5432/test"));
        assertFalse(SharedCacheCustomizer.embeddedDerby("jdbc:mariadb://127.0.0.1:3306/test"));
        assertFalse(SharedCacheCustomizer.embeddedDerby(null));
    }

    @Test
    public void aSharableDatabaseGetsNoSharedCache() throws Exception {
        Session session = customized("jdbc:postgresql://127.0.0.1:5432/test");
        assertEquals(CacheIsolationType.ISOLATED, session.getProject().getDefaultCacheIsolation());
        assertEquals(CacheIsolationType.ISOLATED, session.getDescriptor(Thing.class).getCacheIsolation());
    }

    @Test
    public void embeddedDerbyKeepsTheSharedCache() throws Exception {
        Session session = customized("jdbc:derby:memory:shared-cache-test");
        // left unset, which EclipseLink takes as shared
        assertNotEquals(CacheIsolationType.ISOLATED, session.getProject().getDefaultCacheIsolation());
        assertNotEquals(CacheIsolationType.ISOLATED, session.getDescriptor(Thing.class).getCacheIsolation());
    }

    @Test
    public void theStandInDatasourcesSessionLogsNothing() throws Exception {
        InvocationHandler standIn = (proxy, method, args) -> switch (method.getName()) {
            case "getConnection" -> Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("getMetaData")
                            ? Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                                    (p2, m2, a2) -> m2.getName().equals("getURL") ? "" : null)
                            : null);
            default -> null;
        };
        DatabaseLogin login = new DatabaseLogin();
        login.setConnector(new JNDIConnector((DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, standIn)));
        assertEquals(SessionLog.OFF, customized(login).getLogLevel());
        assertNotEquals("a real database's session logs", SessionLog.OFF,
                customized("jdbc:postgresql://127.0.0.1:5432/test").getLogLevel());
    }

    private static Session customized(String url) throws Exception {
        DatabaseLogin login = new DatabaseLogin();
        login.setURL(url);
        return customized(login);
    }

    /** A session as EclipseLink hands it to the customizer: not logged in, descriptors not initialized. */
    private static Session customized(DatabaseLogin login) throws Exception {
        Project project = new Project(login);
        RelationalDescriptor d = new RelationalDescriptor();
        d.setJavaClass(Thing.class);
        d.setTableName("THING");
        d.addPrimaryKeyFieldName("THING.ID");
        d.addDirectMapping("id", "ID");
        project.addDescriptor(d);
        Session session = project.createDatabaseSession();
        new SharedCacheCustomizer().customize(session);
        return session;
    }

    public static class Thing {
        public String id;
    }
}
