package live.blossom.load.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of a process, from /proc (Linux). */
final class ProcStat {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    /** User + system CPU seconds used so far. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state(0) ppid(1) ... utime(11) stime(12)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU seconds of the JIT compiler threads of all {@code pids} together. */
    static double compilerCpuSeconds(List<Long> pids) {
        return pids.stream().mapToDouble(ProcStat::compilerCpuSeconds).sum();
    }

    /** CPU seconds of the JVM's JIT compiler threads: how hard it is still compiling. */
    static double compilerCpuSeconds(long pid) {
        double sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.contains("Compiler")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /**
     * The whole machine's idle and stolen CPU seconds so far (first line of /proc/stat): over a
     * measurement they tell a saturated machine, and time the hypervisor gave to other guests,
     * from a slow server.
     */
    static double[] machineIdleAndSteal() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElse("cpu").trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal
            if (f.length < 9) {
                return new double[] {0, 0};
            }
            return new double[] {(Long.parseLong(f[4]) + Long.parseLong(f[5])) / TICKS_PER_SECOND,
                    Long.parseLong(f[8]) / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    /** Resident set size in bytes. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
