package live.blossom.booking.slot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import live.blossom.booking.http.Times;
import live.blossom.booking.studio.Studio;

/**
 * What a studio offers in a window. {@code free}: the spans in which a new booking fits, i.e. within
 * opening hours, not in the past, at least the changeover buffer away from every booking, trimmed to
 * the slot grid and at least the minimum length long. {@code busy}: the bookings themselves.
 */
public record Availability(Studio studio, Interval window, List<Interval> free, List<Interval> busy) {

    public static Availability of(Studio studio, Interval window, List<Interval> bookings, Instant now) {
        SlotGrid grid = studio.grid();
        List<Interval> holes = bookings.stream().map(b -> b.widen(studio.buffer())).toList();
        Instant earliest = grid.ceil(now.isAfter(window.start()) ? now : window.start());
        List<Interval> free = new ArrayList<>();
        for (Interval open : studio.hours().openIntervals(window.start(), window.end(), studio.zone())) {
            for (Interval piece : open.minus(holes)) {
                Instant start = grid.ceil(piece.start().isBefore(earliest) ? earliest : piece.start());
                Instant end = grid.floor(piece.end());
                if (start.isBefore(end) && new Interval(start, end).length().toMinutes() >= studio.minMinutes()) {
                    free.add(new Interval(start, end));
                }
            }
        }
        List<Interval> busy = new ArrayList<>();
        for (Interval booking : bookings) {
            if (booking.overlaps(window)) {
                busy.add(booking);
            }
        }
        return new Availability(studio, window, free, busy);
    }

    public JsonObject toJson() {
        var zone = studio.zone();
        return new JsonObject().put("studio", studio.id()).put("timeZone", zone.getId())
                .put("from", Times.format(window.start(), zone)).put("to", Times.format(window.end(), zone))
                .put("slotMinutes", studio.slotMinutes()).put("minMinutes", studio.minMinutes())
                .put("bufferMinutes", studio.bufferMinutes())
                .put("free", new JsonArray(free.stream().map(i -> i.toJson(zone)).toList()))
                .put("busy", new JsonArray(busy.stream().map(i -> i.toJson(zone)).toList()));
    }
}
