package org.nucleon.metering;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.nucleon.testsupport.JpaFixture;
import org.junit.Test;

public class TableDefinitionsTest {
    /** Else the unit's table definitions differ between starts, and every start checks its tables. */
    @Test
    public void aColumnMappedTwiceIsDescribedAlikeInBothMappings() {
        try (JpaFixture unit = new JpaFixture("nucleon-metering")) {
            assertEquals(List.of(), unit.columnsMappedTwiceThatDisagree());
        }
    }
}
