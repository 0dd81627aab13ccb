package org.nucleon.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import org.junit.Test;

public class TransactionsTest {
    private final List<String> log = new ArrayList<>();

    @Test
    public void deferredActionsRunAfterTheOutermostTransactionAndOnlyFromTheAttemptThatSucceeded() {
        int[] attempt = {0};
        String result = Transactions.retrying(() -> {
            attempt[0]++;
            Transactions.afterCommit(() -> log.add("after attempt " + attempt[0]));
            Transactions.retrying(() -> {
                Transactions.afterCommit(() -> log.add("nested, attempt " + attempt[0]));
                return null;
            });
            if (attempt[0] == 1) {
                throw new PersistenceException(new SQLException("lost a race", "23505"));
            }
            log.add("committing");
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("committing", "after attempt 2", "nested, attempt 2"), log);
    }

    @Test
    public void aFailedTransactionRunsNothingItDeferred() {
        try {
            Transactions.retrying(() -> {
                Transactions.afterCommit(() -> log.add("never"));
                throw new IllegalStateException("not a conflict");
            });
            fail();
        } catch (IllegalStateException expected) {
            assertEquals(List.of(), log);
        }
        Transactions.retrying(() -> {
            Transactions.afterCommit(() -> log.add("next transaction"));
            return null;
        });
        assertEquals(List.of("next transaction"), log);
    }

    @Test(expected = IllegalStateException.class)
    public void deferringOutsideARetriedTransactionIsABug() {
        Transactions.afterCommit(() -> log.add("when?"));
    }

    @Test
    public void aTakenUniqueKeyIsADuplicateAndADeadlockOnlyAConflict() {
        PersistenceException duplicate = new PersistenceException(new SQLException("taken", "23505"));
        PersistenceException deadlock = new PersistenceException(new SQLException("deadlock", "40001"));
        PersistenceException timeout = new PersistenceException(new SQLException("lock time-out", "40XL1"));
        assertTrue(Transactions.isConflict(duplicate) && Transactions.isDuplicate(duplicate));
        for (PersistenceException e : List.of(deadlock, timeout)) {
            assertTrue(Transactions.isConflict(e));
            assertFalse(Transactions.isDuplicate(e));
        }
        assertTrue(Transactions.isConflict(new OptimisticLockException("moved on")));
        PersistenceException other = new PersistenceException(new SQLException("syntax", "42X01"));
        assertFalse(Transactions.isConflict(other) || Transactions.isDuplicate(other));
    }
}
