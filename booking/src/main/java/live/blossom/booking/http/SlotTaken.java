package live.blossom.booking.http;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A booking that would overlap another one (with the changeover buffer between them). Rendered by
 * {@link Replies} as 409 with the interval that is in the way, so the client can offer another slot.
 */
public final class SlotTaken extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Instant start;
    private final transient Instant end;
    private final long bufferMinutes;
    private final transient ZoneId zone;

    public SlotTaken(Instant start, Instant end, long bufferMinutes, ZoneId zone) {
        super("slot taken", null, false, false);
        this.start = start;
        this.end = end;
        this.bufferMinutes = bufferMinutes;
        this.zone = zone;
    }

    /** The studio's zone, in which the interval is shown. */
    public ZoneId zone() {
        return zone;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public long bufferMinutes() {
        return bufferMinutes;
    }
}
