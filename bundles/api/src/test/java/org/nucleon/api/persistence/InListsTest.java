package org.nucleon.api.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.Test;

public class InListsTest {

    @Test
    public void noKeysNoBatches() {
        assertEquals(List.of(), InLists.batches(List.of()));
    }

    @Test
    public void shortListsArePaddedToAPowerOfTwoWithTheirLastKey() {
        assertEquals(List.of(List.of("a")), InLists.batches(List.of("a")));
        assertEquals(List.of(List.of("a", "b", "c", "c")), InLists.batches(List.of("a", "b", "c")));
        assertEquals(List.of(List.of("a", "b")), InLists.batches(List.of("a", "b", "a")));
    }

    @Test
    public void longListsAreCutIntoBatchesThatTogetherHoldEveryKeyOnce() {
        List<Integer> keys = IntStream.range(0, 1000).boxed().toList();
        List<List<Integer>> batches = InLists.batches(keys);
        assertEquals(16, batches.size());
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> b : batches) {
            assertTrue(b.toString(), b.size() <= InLists.BATCH && Integer.bitCount(b.size()) == 1);
            seen.addAll(b);
        }
        assertEquals(new HashSet<>(keys), seen);
        // 1000 = 15 * 64 + 40: the last batch is padded to 64 with key 999
        assertEquals(999, (int) batches.get(15).get(63));
        assertEquals(998, (int) batches.get(15).get(38));
    }
}
