package live.blossom.chat.fanout;

import java.time.Duration;

/**
 * How long a room's fan-out window is: the shortest window for a lightly loaded node, growing with
 * the node's viewer count so that frames written per second stay near the node's budget. Socket
 * writes, not messages, are what a fan-out node pays for: with one frame per viewer per window,
 * frames/s = viewers / window.
 */
public final class WindowPolicy {

    private final long minNanos;
    private final long maxNanos;
    private final double framesPerSecond;
    private final FanoutMeters meters;

    public WindowPolicy(Duration min, Duration max, int framesPerSecond, FanoutMeters meters) {
        this.minNanos = min.toNanos();
        this.maxNanos = Math.max(minNanos, max.toNanos());
        this.framesPerSecond = Math.max(1, framesPerSecond);
        this.meters = meters;
    }

    /** The shortest window: a room's window at this length is not split into phases. */
    long minNanos() {
        return minNanos;
    }

    long nanos() {
        long wanted = (long) (meters.viewers() / framesPerSecond * 1e9);
        return Math.min(maxNanos, Math.max(minNanos, wanted));
    }
}
