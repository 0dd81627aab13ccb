package org.nucleon.ml2.type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;

/** An inclusive range of segmentation ids, as {@code min:max} in the ML2 configuration. */
public record IdRange(long min, long max) {
    public IdRange {
        if (min > max) {
            throw new IllegalArgumentException("range " + min + ":" + max + " has its minimum above its maximum");
        }
    }

    /**
     * Parses {@code min:max}; both ends must lie in {@code [lowest, highest]}, as Neutron's
     * {@code verify_tunnel_range} and VLAN tag checks demand.
     */
    public static IdRange parse(String entry, long lowest, long highest) {
        String[] parts = entry.strip().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + entry + "' is not of the form min:max");
        }
        IdRange r;
        try {
            r = new IdRange(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "' is not of the form min:max", e);
        }
        if (r.min < lowest || r.max > highest) {
            throw new IllegalArgumentException("'" + entry + "' is outside " + lowest + ":" + highest);
        }
        return r;
    }

    long size() {
        return max - min + 1;
    }

    /** Overlapping or adjacent ranges joined, in ascending order, so no id is counted twice. */
    static List<IdRange> merge(List<IdRange> ranges) {
        List<IdRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(IdRange::min));
        List<IdRange> out = new ArrayList<>();
        for (IdRange r : sorted) {
            IdRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.min <= last.max + 1) {
                out.set(out.size() - 1, new IdRange(last.min, Math.max(last.max, r.max)));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * A uniformly random id of the ranges that is not taken, or null when all are. Random, as
     * Neutron picks, so concurrent requests seldom race for the same id.
     */
    static Long pickFree(List<IdRange> ranges, SortedSet<Long> taken, Random random) {
        List<IdRange> merged = merge(ranges);
        long free = 0;
        for (IdRange r : merged) {
            free += r.size() - taken.subSet(r.min, r.max + 1).size();
        }
        if (free == 0) {
            return null;
        }
        long k = random.nextLong(free);
        for (IdRange r : merged) {
            SortedSet<Long> inRange = taken.subSet(r.min, r.max + 1);
            long freeHere = r.size() - inRange.size();
            if (k >= freeHere) {
                k -= freeHere;
                continue;
            }
            // the k-th free id: step over every taken id at or below the candidate
            long candidate = r.min + k;
            for (long t : inRange) {
                if (t > candidate) {
                    break;
                }
                candidate++;
            }
            return candidate;
        }
        throw new IllegalStateException("free ids counted but not found");
    }
}
