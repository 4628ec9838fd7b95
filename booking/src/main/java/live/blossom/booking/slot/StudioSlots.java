package live.blossom.booking.slot;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;

/** Reads the intervals a studio's active bookings occupy (the structure the booking scripts guard). */
public final class StudioSlots {

    private final BookingRedis redis;

    public StudioSlots(BookingRedis redis) {
        this.redis = redis;
    }

    /** Active bookings that come within {@code margin} of [from, to), sorted by start. */
    public Future<List<Interval>> near(String studio, Instant from, Instant to, Duration margin) {
        // No booking is longer than SlotRules.LONGEST, so one that reaches into the window starts after this.
        long lowest = from.minus(SlotRules.LONGEST).minus(margin).toEpochMilli();
        long highest = to.plus(margin).toEpochMilli();
        return redis.call(r -> r.zrangebyscoreWithScores(BookingKeyspace.slots(studio),
                Range.from(Range.Boundary.excluding(lowest), Range.Boundary.excluding(highest)))).compose(scored -> {
            if (scored.isEmpty()) {
                return Future.succeededFuture(List.<Interval>of());
            }
            String[] ids = scored.stream().map(ScoredValue::getValue).toArray(String[]::new);
            return redis.call(r -> r.hmget(BookingKeyspace.ends(studio), ids)).map(ends -> {
                List<Interval> taken = new ArrayList<>();
                for (int i = 0; i < scored.size(); i++) {
                    KeyValue<String, String> end = ends.get(i);
                    if (!end.hasValue()) {
                        continue; // cancelled between the two reads
                    }
                    Interval booked = new Interval(Instant.ofEpochMilli((long) scored.get(i).getScore()),
                            Instant.ofEpochMilli(Long.parseLong(end.getValue())));
                    if (booked.end().plus(margin).isAfter(from)) {
                        taken.add(booked);
                    }
                }
                return taken;
            });
        });
    }
}
