package live.blossom.load.chat;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * One swarm process: opens N viewers of one room on the given nodes and reports what they saw.
 * Driven over stdin by {@link ChatFanoutBench}: once warmed up it waits for {@code connect}, then
 * {@code start} resets the counters, {@code stop} prints one {@code STATS} line, {@code quit} ends
 * the process.
 *
 * <p>Arguments: host ports(comma) room viewers sourcePrefix firstSource sources latencyEvery
 * blossom(true|false) [loops, default: one per core].
 */
public final class ViewerSwarm {

    /** Handshakes outstanding at once: well under the server's listen backlog. */
    private static final int IN_FLIGHT = 512;
    /**
     * At most this many warm-up rounds; warming ends sooner, once two rounds in a row left the
     * compiler nearly idle (6 to 21 rounds in the runs measured; 12 at most was sometimes cut short).
     */
    private static final int MAX_WARM_ROUNDS = 40;

    private ViewerSwarm() {
    }

    /**
     * Opens {@code n} viewers, every {@code sampleEvery}-th sampling latency (0: none), and waits
     * until all have joined or failed (at most 120 s); Blossom's viewers send {@code join} once
     * open and count as joined on the server's answer, the baseline's count once open. Warm-up
     * rounds and the timed connect both come through here, so that the code compiled while
     * warming is the code timed, not a variant that the compiler must redo in the middle of it.
     */
    private static Queue<Channel> connectAll(SwarmClient client, SwarmStats stats, int n, String host, int[] ports,
                                             String sourcePrefix, int firstSource, int sources, String path,
                                             int sampleEvery, boolean blossom, String join) throws InterruptedException {
        Queue<Channel> channels = new ConcurrentLinkedQueue<>();
        long joinedBefore = stats.joined.sum();
        long failedBefore = stats.failed.sum();
        client.openMany(n, IN_FLIGHT, (i, loop, done) -> client.open(loop, host, ports[i % ports.length],
                sourcePrefix + (firstSource + (i % sources)), path, sampleEvery > 0 && i % sampleEvery == 0, ch -> {
                    channels.add(ch);
                    if (blossom) {
                        SwarmClient.sendText(ch, join);
                    } else {
                        stats.joined.increment();
                    }
                }, done));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (stats.joined.sum() - joinedBefore + stats.failed.sum() - failedBefore < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return channels;
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int[] ports = java.util.Arrays.stream(args[1].split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        String room = args[2];
        int viewers = Integer.parseInt(args[3]);
        String sourcePrefix = args[4];
        int firstSource = Integer.parseInt(args[5]);
        int sources = Integer.parseInt(args[6]);
        int latencyEvery = Integer.parseInt(args[7]);
        boolean blossom = Boolean.parseBoolean(args[8]);
        int loops = args.length > 9 ? Integer.parseInt(args[9]) : Runtime.getRuntime().availableProcessors();
        SwarmStats stats = new SwarmStats();
        String join = "{\"type\":\"join\",\"room\":\"" + room + "\"}";
        try (SwarmClient client = new SwarmClient(Math.max(1, loops), stats, true)) {
            // A fresh JVM connects slowly until its connect path is compiled: warm it on rounds of
            // short-lived viewers until the JIT compiler has settled (it works through a backlog
            // for seconds after the code first gets hot), so that the rate measured is the steady
            // one. The rounds warm the server as well.
            String path = blossom ? "/ws/chat" : "/";
            ReadPathWarmUp.run(3000, blossom, latencyEvery);
            // The first round is as large as the measured connect, so that every table that grows
            // with the number of connections (the event loops' channel maps, the server's rooms)
            // has grown, and its growing code has run, before the timed connect.
            int warm = Math.min(viewers / 4, 4000);
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            int rounds = 0;
            long lastJitMs = 0;
            long lastRoundMs = 0;
            int quietRounds = 0;
            for (int round = 0; round < MAX_WARM_ROUNDS && warm > 0; round++) {
                rounds++;
                long jit0 = jit.getTotalCompilationTime();
                long round0 = System.nanoTime();
                Queue<Channel> warmChannels = connectAll(client, stats, round == 0 ? viewers : warm, host, ports,
                        sourcePrefix, firstSource, sources, path, latencyEvery, blossom, join);
                List<ChannelFuture> closed = new ArrayList<>();
                for (Channel ch : warmChannels) {
                    closed.add(ch.close());
                }
                closed.forEach(ChannelFuture::syncUninterruptibly);
                lastRoundMs = (System.nanoTime() - round0) / 1_000_000;
                lastJitMs = jit.getTotalCompilationTime() - jit0;
                // Two quiet rounds in a row: one alone was seen between two bursts of compiling.
                quietRounds = lastJitMs < lastRoundMs / 20 ? quietRounds + 1 : 0;
                if (round >= 2 && quietRounds >= 2) {
                    break;
                }
            }
            Thread.sleep(warm > 0 ? 500 : 0); // the server's side of the closes
            long failedBefore = stats.failed.sum();
            long joinedBefore = stats.joined.sum();
            // All swarms of a run connect at the same time: the driver says when.
            System.out.println("WARMED rounds=" + rounds + " jit_ms=" + lastJitMs + "/" + lastRoundMs + " uptime_ms="
                    + ManagementFactory.getRuntimeMXBean().getUptime());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String go = in.readLine();
            if (go == null || go.trim().equals("quit")) {
                return;
            }
            long t0 = System.nanoTime();
            connectAll(client, stats, viewers, host, ports, sourcePrefix, firstSource, sources, path, latencyEvery,
                    blossom, join);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // Counting from here on compiles the measuring path while the driver waits for the
            // JIT compilers to settle; "start" clears what was counted before it.
            stats.measuring = true;
            client.poll(true);
            System.out.println("CONNECTED " + (stats.joined.sum() - joinedBefore) + " " + (stats.failed.sum() - failedBefore)
                    + " " + ms);
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "start" -> {
                        stats.reset();
                        stats.measuring = true;
                        System.out.println("STARTED");
                    }
                    case "stop" -> {
                        stats.measuring = false;
                        System.out.println("STATS " + report(stats));
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("? " + line);
                }
                System.out.flush();
            }
        }
    }

    private static String report(SwarmStats stats) {
        Histogram h = stats.latency.getIntervalHistogram();
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buffer);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), len));
        return "frames=" + stats.frames.sum() + " deliveries=" + stats.deliveries.sum() + " gaps=" + stats.gaps.sum()
                + " dups=" + stats.dups.sum() + " missed=" + stats.missed.sum() + " skipped=" + stats.skipped.sum()
                + " closed=" + stats.closed.sum() + " histogram=" + encoded;
    }
}
