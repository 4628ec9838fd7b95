package live.blossom.chat.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The chat plane's meters, charted by the admin page: messages in, deliveries, frames, viewers. */
public final class FanoutMeters {

    final Counter messagesIn;
    final Counter deliveries;
    final Counter frames;
    final Counter batches;
    final Counter missedBatches;
    final Counter slowDisconnects;
    final Counter sampledAway;
    final Counter fellBehind;
    final Counter superseded;
    final Counter postponed;
    final Counter roomsClosed;
    final AtomicInteger viewers = new AtomicInteger();

    public FanoutMeters(MeterRegistry registry) {
        messagesIn = Counter.builder("chat.messages.in").description("Entries read from room rings on this node")
                .register(registry);
        deliveries = Counter.builder("chat.deliveries").description("Messages written to viewers (one per viewer)")
                .register(registry);
        frames = Counter.builder("chat.frames").description("WebSocket frames written to viewers").register(registry);
        batches = Counter.builder("chat.batches").description("Batch frames encoded (once per room per window, or per tick of a phased room)")
                .register(registry);
        missedBatches = Counter.builder("chat.batches.missed").description("Batches a slow viewer missed")
                .register(registry);
        slowDisconnects = Counter.builder("chat.viewers.slow.disconnects")
                .description("Viewers disconnected for staying unwritable").register(registry);
        fellBehind = Counter.builder("chat.fanout.fell-behind")
                .description("Times a loop fell so far behind a room that it wrote every queued frame at once")
                .register(registry);
        superseded = Counter.builder("chat.batches.merged")
                .description("Batch frames a loop behind did not write because a later one went to the same viewers")
                .register(registry);
        postponed = Counter.builder("chat.fanout.postponed")
                .description("Ticks a room's feed held back because a loop had not started on its last frame")
                .register(registry);
        roomsClosed = Counter.builder("chat.rooms.closed")
                .description("Room feeds this node closed after they had no viewer for chat.room-idle-close").register(registry);
        sampledAway = Counter.builder("chat.messages.sampled").description("Ordinary messages skipped under a flood")
                .register(registry);
        Gauge.builder("chat.viewers", viewers, AtomicInteger::get).description("Viewers attached to rooms on this node")
                .register(registry);
    }

    /** Counts rooms with a feed on this node, read when the meters are. */
    public void roomsOpen(RoomRegistry rooms, MeterRegistry registry) {
        Gauge.builder("chat.rooms.open", rooms, RoomRegistry::size).description("Rooms with a feed on this node")
                .register(registry);
    }

    public int viewers() {
        return viewers.get();
    }

    public Counter slowDisconnects() {
        return slowDisconnects;
    }
}
