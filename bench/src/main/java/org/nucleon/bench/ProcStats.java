package org.nucleon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and RSS of a server process and all its descendants, from /proc: the reference Neutron forks API and
 * RPC workers, so its parent alone would show almost nothing. RSS is summed, which overcounts pages forked workers
 * share; it is an upper bound.
 */
final class ProcStats {
    /** USER_HZ; 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(double cpuSeconds, double rssMb) {
    }

    private ProcStats() {
    }

    /** Null when there is no PID or /proc cannot be read (another OS, the process is gone). */
    static Sample sample(Integer pid) {
        if (pid == null) {
            return null;
        }
        try {
            long ticks = 0;
            long rssKb = 0;
            for (int p : withDescendants(pid)) {
                String[] f = statFields(p);
                if (f == null) {
                    continue;
                }
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                rssKb += vmRssKb(p);
            }
            return new Sample(ticks / TICKS_PER_SECOND, rssKb / 1024.0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fields after the command name in /proc/PID/stat, so index 0 is the state and 1 the parent PID. */
    private static String[] statFields(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null; // exited meanwhile
        }
    }

    private static long vmRssKb(int pid) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Integer.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        }
    }

    private static List<Integer> withDescendants(int root) throws IOException {
        Map<Integer, List<Integer>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Integer::parseInt).forEach(p -> {
                        String[] f = statFields(p);
                        if (f != null) {
                            children.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>()).add(p);
                        }
                    });
        }
        List<Integer> out = new ArrayList<>(List.of(root));
        for (int i = 0; i < out.size(); i++) {
            out.addAll(children.getOrDefault(out.get(i), List.of()));
        }
        return out;
    }
}
