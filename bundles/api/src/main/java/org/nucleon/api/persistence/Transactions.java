package org.nucleon.api.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.persistence.OptimisticLockException;
import org.nucleon.api.error.NeutronException;

/**
 * Runs a transaction again when the database refused it because of a concurrent one: a unique
 * key taken meanwhile (SQLSTATE class 23), a deadlock / serialization failure (class 40, and
 * Derby's lock time-outs) or a row changed meanwhile (its revision, the JPA version, moved on),
 * as Neutron's {@code retry_db_errors} does. The next attempt sees the
 * other's commit, so a random address or id is chosen anew and a check that lost the race now
 * fails with the proper NeutronException.
 */
public final class Transactions {
    static final int ATTEMPTS = 10;
    /** What the thread's outermost {@link #retrying} runs once its transaction has committed. */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

    private Transactions() {
    }

    /**
     * Runs the transaction, again after a conflict; then, for the thread's outermost call, what
     * {@link #afterCommit} deferred during the attempt that succeeded.
     */
    public static <T> T retrying(Supplier<T> transaction) {
        List<Runnable> after = AFTER_COMMIT.get();
        if (after != null) {
            return attempts(transaction, after);
        }
        after = new ArrayList<>();
        AFTER_COMMIT.set(after);
        T result;
        try {
            result = attempts(transaction, after);
        } finally {
            AFTER_COMMIT.remove();
        }
        after.forEach(Runnable::run);
        return result;
    }

    private static <T> T attempts(Supplier<T> transaction, List<Runnable> after) {
        int mark = after.size();
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (NeutronException e) {
                throw e;
            } catch (RuntimeException e) {
                // what a failed attempt deferred belongs to work that never happened
                after.subList(mark, after.size()).clear();
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Defers an action, e.g. publishing an AFTER_* event of a resource deleted with another, until
     * the transaction of the thread's outermost {@link #retrying} has committed; dropped if the
     * attempt fails. Only inside {@link #retrying}.
     */
    public static void afterCommit(Runnable action) {
        List<Runnable> after = AFTER_COMMIT.get();
        if (after == null) {
            throw new IllegalStateException("afterCommit outside Transactions.retrying");
        }
        after.add(action);
    }

    /** Whether a failure is a lost race with another transaction rather than a bug. */
    public static boolean isConflict(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof OptimisticLockException || sqlClass(t, "23")
                || sqlClass(t, "40"));
    }

    /** Whether a failure is a unique key taken by another row, not a deadlock or lock time-out. */
    public static boolean isDuplicate(Throwable failure) {
        return causes(failure).anyMatch(t -> sqlClass(t, "23"));
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }

    private static boolean sqlClass(Throwable t, String sqlStateClass) {
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(sqlStateClass);
    }

    /** A random pause growing with the attempts, so the same transactions do not collide again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
