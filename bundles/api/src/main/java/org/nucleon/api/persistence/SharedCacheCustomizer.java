package org.nucleon.api.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.persistence.config.CacheIsolationType;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.sessions.Connector;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.DefaultConnector;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;

/**
 * Keeps EclipseLink's shared (second-level) cache only where no other server can write the
 * rows: on embedded Derby, which one JVM at a time can open. On any database several servers
 * may share (PostgreSQL, MariaDB, Derby's network server) every entity is read from the
 * database, or a server would serve, and update, rows as it last read them. A persistence unit
 * names this class, or {@link PersistenceUnitCustomizer}, which applies it, as its
 * {@code eclipselink.session.customizer}.
 *
 * <p>Aries JPA also deploys each unit once on a stand-in datasource, whose connections report an
 * empty URL and prepare no statements, before the real one is there; that session is thrown away,
 * and logs nothing, or every start and bundle update would log the failure of its schema step as
 * an EclipseLink SEVERE with a stack trace.
 */
public final class SharedCacheCustomizer implements SessionCustomizer {
    @Override
    public void customize(Session session) throws SQLException {
        customize(session, url(session));
    }

    static void customize(Session session, String url) {
        if (standIn(url)) {
            session.setLogLevel(SessionLog.OFF);
        } else if (!embeddedDerby(url)) {
            session.getProject().setDefaultCacheIsolation(CacheIsolationType.ISOLATED);
            session.getDescriptors().values().forEach(d -> d.setCacheIsolation(CacheIsolationType.ISOLATED));
        }
    }

    static boolean embeddedDerby(String url) {
        return url != null && url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://");
    }

    /** Whether the session is Aries JPA's stand-in, given {@link #url(Session)}. */
    static boolean standIn(String url) {
        return "".equals(url);
    }

    /** The JDBC URL the unit connects to; null when it cannot be told, empty for Aries JPA's stand-in. */
    static String url(Session session) throws SQLException {
        return url(session.getDatasourceLogin() instanceof DatasourceLogin l ? l.getConnector() : null);
    }

    private static String url(Connector connector) throws SQLException {
        if (connector instanceof DefaultConnector c) {
            return c.getDatabaseURL();
        }
        if (connector instanceof JNDIConnector c && c.getDataSource() != null) {
            DataSource ds = c.getDataSource();
            try (Connection connection = ds.getConnection()) {
                return connection.getMetaData().getURL();
            }
        }
        return null;
    }
}
