package live.blossom.load.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Waits for the JIT compiler threads of a set of processes to go quiet, so that a benchmark
 * measures the running code and not its compilation.
 */
final class CompilerSettle {

    /**
     * Rounds of 3 s to wait at most. A cluster node keeps compiling Hazelcast's periodic and
     * operation paths for a minute or two after the connect storm: a profile after 60 s still had
     * the compiler threads at a sixth of both cores.
     */
    private static final int ROUNDS = 40;
    private static final long ROUND_MILLIS = 3000;
    /** Quiet: under 1 % of one core per process spent compiling in a round. */
    private static final double QUIET_SHARE = 0.01;
    /**
     * Quiet rounds in a row that count as settled. At 50 lines a second the per-line paths reach
     * C2 in bursts: after one quiet round, the six nodes of the big room still spent 6.5 % of
     * both cores compiling during the measurement.
     */
    private static final int QUIET_ROUNDS = 3;

    private CompilerSettle() {
    }

    /**
     * With the senders running, waits until the JIT compilers of the servers, the swarms and this
     * driver go quiet: connecting warms up the join path only, and the send and fan-out paths
     * (server) and the batch reading path (swarm) get hot only once lines flow. A profile showed
     * the compiler threads taking a third of the measured CPU with a fixed 3 s pause instead.
     */
    static void underTraffic(String name, List<BenchProcess> servers, List<BenchProcess> swarms)
            throws InterruptedException {
        List<Long> pids = new ArrayList<>();
        servers.forEach(s -> pids.add(s.serverPid()));
        swarms.forEach(s -> pids.add(s.pid()));
        pids.add(ProcessHandle.current().pid());
        await(name, pids);
    }

    /** Returns once the processes' compilers are quiet, or after {@link #ROUNDS} rounds; prints which. */
    static void await(String name, List<Long> pids) throws InterruptedException {
        double seconds = ROUND_MILLIS / 1000.0;
        double jit = 0;
        int quiet = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            double jit0 = ProcStat.compilerCpuSeconds(pids);
            Thread.sleep(ROUND_MILLIS);
            jit = ProcStat.compilerCpuSeconds(pids) - jit0;
            quiet = jit < seconds * pids.size() * QUIET_SHARE ? quiet + 1 : 0;
            if (quiet == QUIET_ROUNDS) {
                System.out.printf(Locale.ROOT, "%s settled under traffic after %.0f s (JIT %.2f s in the last %.0f s)%n",
                        name, round * seconds, jit, seconds);
                return;
            }
        }
        System.out.printf(Locale.ROOT, "%s: JIT still busy after %.0f s of traffic (%.2f s in the last %.0f s); measuring anyway%n",
                name, ROUNDS * seconds, jit, seconds);
    }
}
