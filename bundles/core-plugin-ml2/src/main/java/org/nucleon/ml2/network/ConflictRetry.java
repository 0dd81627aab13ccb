package org.nucleon.ml2.network;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a transaction again when the database refused it for a concurrent one: a unique key
 * taken meanwhile (SQLSTATE class 23) or a deadlock / serialization failure (class 40), as
 * Neutron's {@code retry_if_session_inactive} does. The next attempt sees the other's commit.
 */
final class ConflictRetry {
    static final int ATTEMPTS = 10;

    private ConflictRetry() {
    }

    static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return false;
    }
}
