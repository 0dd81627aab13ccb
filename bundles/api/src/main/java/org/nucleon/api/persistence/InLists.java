package org.nucleon.api.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Keys for {@code WHERE x IN :keys} queries that fetch what belongs to a page of resources (their addresses,
 * groups, bindings...), cut into batches. Derby probes an index only for short IN lists: given a page of 1,000 ids
 * it scans the whole table and compares every row with every id, which made a list of 1,000 ports take seconds.
 * The last batch is padded to a power of two with its last key (an IN list does not care), so a query runs as one
 * of a few statement texts and the database's statement cache keeps them compiled.
 */
public final class InLists {
    /** Derby 10.14 still picks the index for 64 parameters; PostgreSQL does not mind either way. */
    static final int BATCH = 64;

    private InLists() {
    }

    /** The distinct keys in batches of at most {@value #BATCH}; none for no keys. */
    public static <T> List<List<T>> batches(Collection<T> keys) {
        List<T> all = new ArrayList<>(new LinkedHashSet<>(keys));
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            List<T> batch = new ArrayList<>(all.subList(i, Math.min(all.size(), i + BATCH)));
            T last = batch.get(batch.size() - 1);
            while (Integer.bitCount(batch.size()) != 1) {
                batch.add(last);
            }
            out.add(batch);
        }
        return out;
    }
}
