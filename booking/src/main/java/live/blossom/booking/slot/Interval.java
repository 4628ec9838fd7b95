package live.blossom.booking.slot;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import live.blossom.booking.http.Times;

/** A half-open span of time [start, end). */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("an interval needs start < end: " + start + " .. " + end);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /** The part inside [from, to), or null if there is none. */
    public Interval clip(Instant from, Instant to) {
        Instant s = start.isBefore(from) ? from : start;
        Instant e = end.isAfter(to) ? to : end;
        return s.isBefore(e) ? new Interval(s, e) : null;
    }

    /** This interval widened by {@code margin} on both sides. */
    public Interval widen(Duration margin) {
        return new Interval(start.minus(margin), end.plus(margin));
    }

    /** What is left of this interval after taking out every one of {@code holes} (which are sorted by start). */
    public List<Interval> minus(List<Interval> holes) {
        List<Interval> left = new ArrayList<>();
        Instant cursor = start;
        for (Interval hole : holes) {
            if (!hole.end.isAfter(cursor) || !hole.start.isBefore(end)) {
                continue;
            }
            if (hole.start.isAfter(cursor)) {
                left.add(new Interval(cursor, hole.start));
            }
            if (hole.end.isAfter(cursor)) {
                cursor = hole.end;
            }
            if (!cursor.isBefore(end)) {
                return left;
            }
        }
        if (cursor.isBefore(end)) {
            left.add(new Interval(cursor, end));
        }
        return left;
    }

    public JsonObject toJson(ZoneId zone) {
        return new JsonObject().put("start", Times.format(start, zone)).put("end", Times.format(end, zone));
    }
}
