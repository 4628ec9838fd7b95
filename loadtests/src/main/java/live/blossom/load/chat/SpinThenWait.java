package live.blossom.load.chat;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How a swarm thread waits for its sockets: it polls for a short while after running out of
 * work before it sleeps in {@code epoll_wait}, and learns how long that while should be.
 *
 * <p>Why: on loopback the kernel wakes a reader sleeping in {@code epoll_wait} from inside the
 * writer's {@code send}, so every time a swarm thread falls asleep between two frames of a
 * round, the node under test pays for waking it, a cost it would not carry over a real network.
 * Polling through the short gaps inside a round of writes saves those wake-ups. Polling through
 * long gaps would take the cores from the node instead, so the poll adapts: it doubles after a
 * poll that ended with work and halves after one that ended with nothing, down to none at all;
 * a thread that stopped polling tries the longest poll again once in {@value #PROBE_EVERY} sleeps.
 *
 * <p>It is switched on once the viewers are connected: while they connect, the node has work
 * for every core, and polling took cores from it (connects per second fell by a tenth or more).
 */
final class SpinThenWait implements SelectStrategy {

    static final long LONGEST_SPIN_NANOS = 50_000;
    private static final long SHORTEST_SPIN_NANOS = 1_000;
    static final int PROBE_EVERY = 64;

    private final LongSupplier clock;
    private final BooleanSupplier enabled;
    private long spinNanos = LONGEST_SPIN_NANOS;
    /** When the current poll began, or -1 when not polling. */
    private long spinStart = -1;
    private long spinLength;
    private int sleeps;

    /** @param enabled whether to poll at all; when not, it waits as Netty's default strategy does */
    SpinThenWait(LongSupplier clock, BooleanSupplier enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    SpinThenWait(BooleanSupplier enabled) {
        this(System::nanoTime, enabled);
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        if (!enabled.getAsBoolean()) {
            spinStart = -1;
            return hasTasks ? selectNow.get() : SelectStrategy.SELECT;
        }
        int ready = selectNow.get();
        if (ready > 0) {
            if (spinStart >= 0) {
                // Work came while polling: poll at least twice as long as this gap next time.
                long waited = clock.getAsLong() - spinStart;
                spinStart = -1;
                spinNanos = Math.min(LONGEST_SPIN_NANOS, Math.max(SHORTEST_SPIN_NANOS, Math.max(spinNanos, waited) * 2));
            }
            return ready;
        }
        if (hasTasks) {
            return ready;
        }
        long now = clock.getAsLong();
        if (spinStart < 0) {
            spinLength = spinNanos > 0 || ++sleeps % PROBE_EVERY != 0 ? spinNanos : LONGEST_SPIN_NANOS;
            if (spinLength == 0) {
                return SelectStrategy.SELECT;
            }
            spinStart = now;
        }
        if (now - spinStart < spinLength) {
            Thread.onSpinWait();
            // Back to the event loop, which runs any task handed to it meanwhile and asks again.
            return SelectStrategy.CONTINUE;
        }
        spinStart = -1;
        spinNanos = spinNanos / 2 < SHORTEST_SPIN_NANOS ? 0 : spinNanos / 2;
        return SelectStrategy.SELECT;
    }

    /** The current poll length, for tests. */
    long spinNanos() {
        return spinNanos;
    }
}
