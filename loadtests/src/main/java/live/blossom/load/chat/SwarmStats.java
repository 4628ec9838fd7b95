package live.blossom.load.chat;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** What a swarm process counts: frames, deliveries, sequence gaps and duplicates, delivery latency. */
final class SwarmStats {

    final LongAdder frames = new LongAdder();
    final LongAdder deliveries = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder dups = new LongAdder();
    final LongAdder missed = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder joined = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder closed = new LongAdder();
    /** Senders only: lines the room accepted (ack) and refused (error). */
    final LongAdder acks = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Delivery latency in microseconds (send time carried in the text to receive time). */
    final Recorder latency = new Recorder(60_000_000L, 3);
    volatile boolean measuring;

    void reset() {
        frames.reset();
        deliveries.reset();
        gaps.reset();
        dups.reset();
        missed.reset();
        skipped.reset();
        latency.reset();
    }

    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
