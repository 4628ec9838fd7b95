package live.blossom.load.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of a set of processes, from /proc (Linux). */
final class ProcessStats {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private ProcessStats() {
    }

    /** utime + stime in seconds, summed over the processes. */
    static double cpuSeconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            } catch (IOException | RuntimeException e) {
                // process gone
            }
        }
        return total;
    }

    /** Resident set size in kB, summed over the processes. */
    static long rssKb(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // process gone
            }
        }
        return total;
    }

    /** A process and all its descendants. */
    static List<Long> tree(long pid) {
        return ProcessHandle.of(pid).map(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants())
                .map(ProcessHandle::pid).toList()).orElse(List.of());
    }
}
