package org.nucleon.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.Test;

public class StandardAttributesTest {
    private static final DateTimeFormatter NEUTRON = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    @Test
    public void timestampsAreShownInWholeSecondsAsNeutronShowsThem() {
        assertEquals("2026-01-02T03:04:05Z", StandardAttributes.wholeSeconds(
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 999_999_000)));
        assertEquals("0999-12-31T23:59:59Z", StandardAttributes.wholeSeconds(LocalDateTime.of(999, 12, 31, 23, 59, 59)));
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            LocalDateTime t = LocalDateTime.of(1970, 1, 1, 0, 0).plusSeconds(random.nextInt(Integer.MAX_VALUE))
                    .plusNanos(random.nextInt(1_000_000_000));
            assertEquals(NEUTRON.format(t), StandardAttributes.wholeSeconds(t));
        }
    }

    @Test
    public void anUnsetTimestampIsNull() {
        assertNull(StandardAttributes.wholeSeconds(null));
    }
}
