package live.blossom.booking.calendar;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;
import live.blossom.booking.Ids;

/**
 * Secret tokens in calendar feed URLs. A calendar app cannot send a bearer token, so the URL itself
 * is the secret: 128 random bits, one current token per owner ({@code merchant:<id>} or
 * {@code studio:<id>}), replaceable when it leaked.
 */
public final class CalendarTokens {

    private final BookingRedis redis;

    public CalendarTokens(BookingRedis redis) {
        this.redis = redis;
    }

    /** The owner's current token, made on first use. */
    public Future<String> current(String owner) {
        String fresh = Ids.random("", 16);
        return redis.call(r -> r.set(BookingKeyspace.calendarToken(fresh), owner))
                .compose(ok -> redis.call(r -> r.set(BookingKeyspace.calendarOf(owner), fresh, SetArgs.Builder.nx())))
                .compose(set -> {
                    if ("OK".equals(set)) {
                        return Future.succeededFuture(fresh);
                    }
                    // The owner already has one: keep it, forget the fresh one.
                    return redis.call(r -> r.del(BookingKeyspace.calendarToken(fresh)))
                            .compose(deleted -> redis.call(r -> r.get(BookingKeyspace.calendarOf(owner))));
                });
    }

    /** A new token for the owner; the old URL stops working. */
    public Future<String> rotate(String owner) {
        String fresh = Ids.random("", 16);
        return redis.call(r -> r.set(BookingKeyspace.calendarToken(fresh), owner))
                .compose(ok -> redis.call(r -> r.setGet(BookingKeyspace.calendarOf(owner), fresh)))
                .compose(old -> old == null ? Future.succeededFuture(fresh)
                        : redis.call(r -> r.del(BookingKeyspace.calendarToken(old))).map(deleted -> fresh));
    }

    /** Whose feed a token shows, or null for an unknown token. */
    public Future<String> owner(String token) {
        return redis.call(r -> r.get(BookingKeyspace.calendarToken(token)));
    }
}
