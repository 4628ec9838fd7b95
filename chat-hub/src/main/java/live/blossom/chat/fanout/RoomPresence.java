package live.blossom.chat.fanout;

import live.blossom.chat.protocol.ServerFrames;

/**
 * When a room's presence goes out on a node: it rides on the next batch, or goes out alone when no
 * batch is due. A lone presence frame costs one write per viewer, so in a quiet big room it goes
 * out at most once per four windows (and never more often than every 2 s), keeping presence
 * within the frame budget. Used on the room feed's loop only.
 */
final class RoomPresence {

    private static final long MIN_LONE_GAP_NANOS = 1_900_000_000L;

    private String body;
    private boolean dirty;
    /** Ticks that still carry the latest presence, so that it reaches every phase. */
    private int ticksLeft;
    private long lastLoneNanos = System.nanoTime() - MIN_LONE_GAP_NANOS;

    /**
     * Takes the room's latest counts; answers true if they should go out alone now, else they ride
     * on the coming ticks.
     */
    boolean update(long viewers, long peak, boolean batchDue, long windowNanos) {
        body = ServerFrames.presenceBody(viewers, peak);
        long now = System.nanoTime();
        if (batchDue || now - lastLoneNanos < Math.max(MIN_LONE_GAP_NANOS, 4 * windowNanos)) {
            dirty = true;
            return false;
        }
        lastLoneNanos = now;
        dirty = false;
        return true;
    }

    /** The presence body a tick of a window of {@code phases} ticks carries, or null. */
    String forTick(int phases) {
        if (dirty) {
            dirty = false;
            ticksLeft = phases;
        }
        if (ticksLeft > 0) {
            ticksLeft--;
            return body;
        }
        return null;
    }
}
