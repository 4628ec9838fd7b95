package live.blossom.load.chat;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's writers: M signed-in connections spread over the nodes, posting at an aggregate
 * fixed rate in turn, each line carrying its send time ({@code t=<epoch micros>}). With 100
 * senders at 50 lines/s each user posts every 2 s, inside the default per-user rate limit.
 */
final class SenderPool implements AutoCloseable {

    private final SwarmStats stats = new SwarmStats();
    private final SwarmClient client = new SwarmClient(1, stats, false);
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final AtomicLong turn = new AtomicLong();
    private final String room;
    private ScheduledFuture<?> task;

    SenderPool(String host, List<Integer> ports, String room, int senders, boolean blossom, String secret)
            throws InterruptedException {
        this.room = room;
        Semaphore inFlight = new Semaphore(senders);
        for (int i = 0; i < senders; i++) {
            inFlight.acquire();
            int port = ports.get(i % ports.size());
            String path = blossom ? "/ws/chat?token=" + Tokens.viewer(secret, "sender-" + i) : "/";
            client.open(client.group, host, port, "127.0.0.2", path, false, ch -> {
                if (blossom) {
                    SwarmClient.sendText(ch, "{\"type\":\"join\",\"room\":\"" + room + "\"}");
                }
                channels.add(ch);
            }, inFlight::release);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (channels.size() < senders && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Time from sending a line to its acknowledgement (the append to the room's ring), in microseconds. */
    org.HdrHistogram.Histogram ackLatency() {
        return stats.latency.getIntervalHistogram();
    }

    /** Starts measuring acknowledgement times. */
    void measure(boolean on) {
        if (on) {
            stats.latency.reset();
        }
        stats.measuring = on;
    }

    /** Lines the room acknowledged so far. */
    long acks() {
        return stats.acks.sum();
    }

    /** Lines the room refused so far (rate limit, unavailable). */
    long errors() {
        return stats.errors.sum();
    }

    int size() {
        return channels.size();
    }

    void start(int perSecond) {
        long periodMicros = 1_000_000L / perSecond;
        task = client.group.next().scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void sendOne() {
        if (channels.isEmpty()) {
            return;
        }
        Channel ch = channels.get((int) (turn.getAndIncrement() % channels.size()));
        long now = SwarmStats.nowMicros();
        SwarmClient.sendText(ch, "{\"type\":\"send\",\"room\":\"" + room + "\",\"cid\":\"" + now + "\",\"text\":\"t="
                + now + "\"}");
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public void close() {
        stop();
        channels.forEach(Channel::close);
        client.close();
    }
}
