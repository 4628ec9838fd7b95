package live.blossom.chat.fanout;

import io.micrometer.core.instrument.Counter;

/**
 * Whether a room's due tick waits because a loop has not yet started on the room's last frame.
 * Held back, the node writes fewer, fuller frames at the pace its loops keep, and a viewer's wait
 * grows by that lag instead of by a queue of frames it would have to work through first. A tick waits
 * at most one window; beyond that the loop's own catch-up (merging queued frames) takes over.
 * Used on the room's feed loop only.
 */
final class TickHold {

    private final Counter held;
    /** When the due tick was first held back; 0 while none is. */
    private long heldSince;

    TickHold(Counter held) {
        this.held = held;
    }

    /** True if the tick due at {@code now} waits; {@code busy}: a loop is behind with the room's frames. */
    boolean hold(long now, long windowNanos, boolean busy) {
        if (!busy || (heldSince != 0 && now - heldSince >= windowNanos)) {
            heldSince = 0;
            return false;
        }
        if (heldSince == 0) {
            heldSince = now;
            held.increment();
        }
        return true;
    }
}
