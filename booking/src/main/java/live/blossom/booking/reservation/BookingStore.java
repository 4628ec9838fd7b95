package live.blossom.booking.reservation;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;
import live.blossom.booking.http.Replies;
import live.blossom.booking.http.SlotTaken;
import live.blossom.booking.slot.Interval;
import live.blossom.booking.studio.Studio;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.redis.LuaScript;

/**
 * Bookings in Redis. Every change is one Lua script over the studio's slots (a sorted set of active
 * bookings by start plus a hash of their ends), the booking hash and its live session, so two
 * merchants clicking at the same moment can never both hold the same time.
 */
public final class BookingStore {

    private final BookingRedis redis;
    private final LuaScript book = LuaScript.load("booking/lua", "book");
    private final LuaScript cancel = LuaScript.load("booking/lua", "cancel");
    private final LuaScript reschedule = LuaScript.load("booking/lua", "reschedule");
    private final Counter booked;
    private final Counter taken;

    public BookingStore(BookingRedis redis, MeterRegistry meters) {
        this.redis = redis;
        this.booked = Counter.builder("blossom.booking.booked").description("Bookings made (and reschedules that moved)")
                .register(meters);
        this.taken = Counter.builder("blossom.booking.slot_taken")
                .description("Bookings and reschedules refused because the slot overlapped another booking").register(meters);
    }

    public List<LuaScript> scripts() {
        return List.of(book, cancel, reschedule);
    }

    /** What a new booking needs; the stream key itself is never stored, only its hash. */
    public record Draft(String id, Studio studio, String merchant, String merchantName, Interval slot, String room,
                        String title, String keyHash, Interval grant, boolean override) {
    }

    /** The ids of bookings an admin override displaced (empty without override). */
    public Future<List<String>> book(Draft draft, Instant now) {
        Studio studio = draft.studio();
        String[] keys = {BookingKeyspace.slots(studio.id()), BookingKeyspace.ends(studio.id()),
                BookingKeyspace.studioBookings(studio.id()), BookingKeyspace.booking(draft.id()),
                BookingKeyspace.merchantBookings(draft.merchant()), BookingKeyspace.session(draft.room()),
                BookingKeyspace.SESSIONS, BookingKeyspace.merchantSessions(draft.merchant())};
        return redis.run(book, keys, draft.id(), ms(draft.slot().start()), ms(draft.slot().end()),
                Long.toString(studio.buffer().toMillis()), flag(draft.override()), ms(now), studio.id(), draft.merchant(),
                draft.merchantName(), draft.room(), draft.title(), draft.keyHash(), ms(draft.grant().start()),
                ms(draft.grant().end()), studio.zone().getId(), BookingKeyspace.PREFIX)
                .map(reply -> switch (String.valueOf(reply.get(0))) {
                    case "ok" -> displaced(reply);
                    case "conflict" -> throw taken(reply, studio);
                    default -> throw ApiException.unavailable("id_taken", "Could not find a free id; try again.", 0);
                });
    }

    public Future<Booking> get(String id) {
        return redis.call(r -> r.hgetall(BookingKeyspace.booking(id))).map(hash -> {
            Booking booking = Booking.fromHash(hash);
            if (booking == null) {
                throw Replies.notFound("no_such_booking", "booking");
            }
            return booking;
        });
    }

    /** Cancels; the reply says whether it was late. */
    public Future<Boolean> cancel(Booking booking, Instant now, Duration notice, boolean byAdmin) {
        String[] keys = {BookingKeyspace.booking(booking.id()), BookingKeyspace.slots(booking.studio()),
                BookingKeyspace.ends(booking.studio()), BookingKeyspace.session(booking.room()), BookingKeyspace.SESSIONS};
        return redis.run(cancel, keys, booking.id(), ms(now), Long.toString(notice.toMillis()), flag(byAdmin))
                .map(reply -> switch (String.valueOf(reply.get(0))) {
                    case "ok" -> "1".equals(reply.get(1));
                    case "started" -> throw ApiException.unprocessable("already_started",
                            "The booking has started; ask an admin to end it.");
                    case "missing" -> throw Replies.notFound("no_such_booking", "booking");
                    default -> throw ApiException.conflict("not_active", "The booking is already " + reply.get(1) + ".");
                });
    }

    /** Moves a booking to {@code target}'s slot in one step; on a conflict nothing changes. */
    public Future<List<String>> reschedule(Booking booking, Studio target, Interval slot, Interval grant,
                                           boolean override, boolean byAdmin, Instant now) {
        String[] keys = {BookingKeyspace.booking(booking.id()), BookingKeyspace.slots(booking.studio()),
                BookingKeyspace.ends(booking.studio()), BookingKeyspace.slots(target.id()), BookingKeyspace.ends(target.id()),
                BookingKeyspace.studioBookings(booking.studio()), BookingKeyspace.studioBookings(target.id()),
                BookingKeyspace.merchantBookings(booking.merchant()), BookingKeyspace.session(booking.room()),
                BookingKeyspace.SESSIONS, BookingKeyspace.merchantSessions(booking.merchant())};
        return redis.run(reschedule, keys, booking.id(), booking.studio(), target.id(), ms(slot.start()), ms(slot.end()),
                Long.toString(target.buffer().toMillis()), flag(override), ms(now), ms(grant.start()), ms(grant.end()),
                target.zone().getId(), BookingKeyspace.PREFIX, flag(byAdmin), ms(booking.slot().start()))
                .map(reply -> switch (String.valueOf(reply.get(0))) {
                    case "ok" -> displaced(reply);
                    case "conflict" -> throw taken(reply, target);
                    case "started" -> throw ApiException.unprocessable("already_started",
                            "The booking has started and can no longer move.");
                    case "moved" -> throw ApiException.conflict("booking_changed",
                            "The booking changed meanwhile; reload it and try again.");
                    case "missing" -> throw Replies.notFound("no_such_booking", "booking");
                    default -> throw ApiException.conflict("not_active", "The booking is " + reply.get(1) + ".");
                });
    }

    /** Bookings in a sorted set (a studio's or a merchant's) starting in [from, to), at most {@code limit}. */
    public Future<List<Booking>> list(String indexKey, Instant from, Instant to, int limit) {
        return redis.call(r -> r.zrangebyscore(indexKey, Range.from(Range.Boundary.including(from.toEpochMilli()),
                Range.Boundary.excluding(to.toEpochMilli())), Limit.create(0, limit))).compose(ids -> {
                    List<Future<Booking>> reads = new ArrayList<>();
                    for (String id : ids) {
                        reads.add(redis.call(r -> r.hgetall(BookingKeyspace.booking(id))).map(Booking::fromHash));
                    }
                    return Future.all(reads).map(all -> reads.stream().map(Future::result)
                            .filter(b -> b != null).toList());
                });
    }

    private List<String> displaced(List<Object> reply) {
        booked.increment();
        return reply.subList(1, reply.size()).stream().map(String::valueOf).toList();
    }

    private SlotTaken taken(List<Object> reply, Studio studio) {
        taken.increment();
        return new SlotTaken(Instant.ofEpochMilli(Long.parseLong(String.valueOf(reply.get(2)))),
                Instant.ofEpochMilli(Long.parseLong(String.valueOf(reply.get(3)))), studio.bufferMinutes(), studio.zone());
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    private static String ms(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
