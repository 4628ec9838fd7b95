package live.blossom.booking.slot;

import java.time.Duration;
import java.time.Instant;
import live.blossom.booking.http.Times;
import live.blossom.booking.studio.Studio;
import live.blossom.platform.http.ApiException;

/**
 * The rules a requested slot must meet before the booking script is even asked: order, grid, the
 * studio's hours and lengths, not in the past, not too far ahead. An admin override skips the
 * studio's hours and lengths, never the grid or the order.
 */
public final class SlotRules {

    /** Absolute cap: the conflict and availability reads look back at most this far. */
    public static final Duration LONGEST = Duration.ofHours(24);

    private final Duration horizon;

    public SlotRules(Duration horizon) {
        this.horizon = horizon;
    }

    /** Reads fields {@code start} and {@code end} as a slot; a 400 when end is not after start. */
    public static Interval interval(String startText, String endText) {
        return interval("start", startText, "end", endText);
    }

    /** Reads two ISO-8601 times as an interval; a 400 naming the fields when they are not one. */
    public static Interval interval(String startName, String startText, String endName, String endText) {
        Instant start = Times.parse(startName, startText);
        Instant end = Times.parse(endName, endText);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("invalid_interval", "'" + endName + "' must be after '" + startName + "'.");
        }
        return new Interval(start, end);
    }

    public void check(Studio studio, Interval slot, Instant now, boolean override) {
        SlotGrid grid = studio.grid();
        if (!grid.onGrid(slot.start()) || !grid.onGrid(slot.end())) {
            throw ApiException.badRequest("off_grid", "Start and end must be on the studio's " + studio.slotMinutes()
                    + "-minute grid in its local time (" + studio.zone().getId() + "), e.g. "
                    + Times.format(grid.floor(slot.start()), studio.zone()) + ".");
        }
        if (slot.length().compareTo(LONGEST) > 0) {
            throw ApiException.unprocessable("too_long", "A booking lasts at most 24 hours.");
        }
        if (!slot.start().isAfter(now)) {
            throw ApiException.unprocessable("in_the_past", "The slot starts in the past; pick a later one.");
        }
        if (slot.start().isAfter(now.plus(horizon))) {
            throw ApiException.unprocessable("too_far_ahead",
                    "Bookings open " + horizon.toDays() + " days ahead; pick an earlier slot.");
        }
        if (override) {
            return;
        }
        long minutes = slot.length().toMinutes();
        if (minutes < studio.minMinutes()) {
            throw ApiException.unprocessable("too_short", "This studio is booked for at least " + studio.minMinutes()
                    + " minutes at a time.");
        }
        if (minutes > studio.maxMinutes()) {
            throw ApiException.unprocessable("too_long", "This studio is booked for at most " + studio.maxMinutes()
                    + " minutes at a time.");
        }
        Interval open = studio.hours().interval(slot.start().atZone(studio.zone()).toLocalDate(), studio.zone());
        if (open == null || !open.contains(slot)) {
            throw ApiException.unprocessable("outside_hours", "The slot is outside the studio's opening hours that day"
                    + (open == null ? " (closed)." : " (" + Times.format(open.start(), studio.zone()) + " to "
                    + Times.format(open.end(), studio.zone()) + ")."));
        }
    }
}
