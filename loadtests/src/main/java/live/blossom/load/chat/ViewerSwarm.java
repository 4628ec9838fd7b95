package live.blossom.load.chat;

import io.netty.channel.Channel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.HdrHistogram.Histogram;

/**
 * One swarm process: opens N viewers of one room on the given nodes and reports what they saw.
 * Driven over stdin by {@link ChatFanoutBench}: {@code start} resets the counters, {@code stop}
 * prints one {@code STATS} line, {@code quit} ends the process.
 *
 * <p>Arguments: host ports(comma) room viewers sourcePrefix firstSource sources latencyEvery
 * blossom(true|false).
 */
public final class ViewerSwarm {

    private ViewerSwarm() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        String[] ports = args[1].split(",");
        String room = args[2];
        int viewers = Integer.parseInt(args[3]);
        String sourcePrefix = args[4];
        int firstSource = Integer.parseInt(args[5]);
        int sources = Integer.parseInt(args[6]);
        int latencyEvery = Integer.parseInt(args[7]);
        boolean blossom = Boolean.parseBoolean(args[8]);
        SwarmStats stats = new SwarmStats();
        String join = "{\"type\":\"join\",\"room\":\"" + room + "\"}";
        try (SwarmClient client = new SwarmClient(Math.max(1, Runtime.getRuntime().availableProcessors()), stats)) {
            Semaphore inFlight = new Semaphore(512);
            // A fresh JVM connects slowly until its connect path is compiled: warm it on a few
            // thousand short-lived viewers first, so that the rate measured is the steady one.
            int warm = Math.min(viewers / 4, 2000);
            java.util.List<Channel> warmChannels = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < warm; i++) {
                inFlight.acquire();
                int port = Integer.parseInt(ports[i % ports.length].trim());
                client.open(host, port, sourcePrefix + (firstSource + (i % sources)), blossom ? "/ws/chat" : "/", false,
                        warmChannels::add, inFlight);
            }
            long warmDeadline = System.nanoTime() + 60_000_000_000L;
            while (warmChannels.size() + stats.failed.sum() < warm && System.nanoTime() < warmDeadline) {
                Thread.sleep(10);
            }
            for (Channel ch : warmChannels) {
                ch.close().syncUninterruptibly();
            }
            long failedBefore = stats.failed.sum();
            long joinedBefore = stats.joined.sum();
            long t0 = System.nanoTime();
            for (int i = 0; i < viewers; i++) {
                inFlight.acquire();
                int port = Integer.parseInt(ports[i % ports.length].trim());
                String source = sourcePrefix + (firstSource + (i % sources));
                client.open(host, port, source, blossom ? "/ws/chat" : "/", i % latencyEvery == 0,
                        ch -> {
                            if (blossom) {
                                SwarmClient.sendText(ch, join);
                            } else {
                                stats.joined.increment();
                            }
                        }, inFlight);
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (stats.joined.sum() - joinedBefore + stats.failed.sum() - failedBefore < viewers
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("CONNECTED " + (stats.joined.sum() - joinedBefore) + " " + (stats.failed.sum() - failedBefore)
                    + " " + ms);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
