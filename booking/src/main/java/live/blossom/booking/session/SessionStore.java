package live.blossom.booking.session;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;
import live.blossom.booking.grant.StreamKeys;
import live.blossom.booking.http.Replies;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.redis.LuaScript;

/** Live sessions in Redis: reads, remote sessions and stream-key rotation (each change one script). */
public final class SessionStore {

    private final BookingRedis redis;
    private final LuaScript openRemote = LuaScript.load("booking/lua", "open_remote");
    private final LuaScript cancelRemote = LuaScript.load("booking/lua", "cancel_remote");
    private final LuaScript rotateKey = LuaScript.load("booking/lua", "rotate_key");

    public SessionStore(BookingRedis redis) {
        this.redis = redis;
    }

    public List<LuaScript> scripts() {
        return List.of(openRemote, cancelRemote, rotateKey);
    }

    /** The session; a failed future with a 404 if there is none. */
    public Future<LiveSession> get(String room) {
        return redis.call(r -> r.hgetall(BookingKeyspace.session(room))).map(hash -> {
            LiveSession session = LiveSession.fromHash(hash);
            if (session == null) {
                throw Replies.notFound("no_such_session", "live session");
            }
            return session;
        });
    }

    /** Sessions not cancelled whose stream-key window has not ended, by planned start, at most {@code limit}. */
    public Future<List<LiveSession>> current(Instant now, int limit) {
        return redis.call(r -> r.zrangebyscore(BookingKeyspace.SESSIONS,
                Range.from(Range.Boundary.excluding(now.toEpochMilli()), Range.Boundary.unbounded()),
                Limit.create(0, limit))).compose(this::load)
                .map(sessions -> sessions.stream().sorted(Comparator.comparing((LiveSession s) -> s.planned().start())
                        .thenComparing(LiveSession::room)).toList());
    }

    /** A merchant's sessions (booked and remote, any status) planned to start in [from, to), at most {@code limit}. */
    public Future<List<LiveSession>> ofMerchant(String merchant, Instant from, Instant to, int limit) {
        return redis.call(r -> r.zrangebyscore(BookingKeyspace.merchantSessions(merchant),
                Range.create(from.toEpochMilli(), to.toEpochMilli()), Limit.create(0, limit))).compose(this::load);
    }

    public Future<List<LiveSession>> load(List<String> rooms) {
        List<Future<LiveSession>> reads = new ArrayList<>();
        for (String room : rooms) {
            reads.add(redis.call(r -> r.hgetall(BookingKeyspace.session(room))).map(LiveSession::fromHash));
        }
        return Future.all(reads).map(all -> {
            List<LiveSession> sessions = new ArrayList<>();
            for (Future<LiveSession> read : reads) {
                if (read.result() != null) {
                    sessions.add(read.result());
                }
            }
            return sessions;
        });
    }

    /** Creates a remote session with the hash of its stream key. */
    public Future<LiveSession> openRemote(LiveSession session, String keyHash, Instant now) {
        String[] keys = {BookingKeyspace.session(session.room()), BookingKeyspace.SESSIONS,
                BookingKeyspace.merchantSessions(session.merchant())};
        return redis.run(openRemote, keys, session.room(), session.title(), session.merchant(), session.merchantName(),
                ms(session.planned().start()), ms(session.planned().end()), session.zone().getId(), keyHash,
                ms(session.grant().start()), ms(session.grant().end()), ms(now)).map(reply -> {
                    if (!"ok".equals(reply.get(0))) {
                        throw ApiException.unavailable("id_taken", "Could not find a free room id; try again.", 0);
                    }
                    return session;
                });
    }

    public Future<Void> cancelRemote(String room, Instant now) {
        String[] keys = {BookingKeyspace.session(room), BookingKeyspace.SESSIONS};
        return redis.run(cancelRemote, keys, room, ms(now)).map(reply -> {
            switch (String.valueOf(reply.get(0))) {
                case "ok" -> {
                    return null;
                }
                case "missing" -> throw Replies.notFound("no_such_session", "live session");
                case "booked" -> throw ApiException.unprocessable("booked_session",
                        "This session belongs to studio booking " + reply.get(1) + "; cancel the booking instead.");
                default -> throw ApiException.conflict("not_active", "The session is already " + reply.get(1) + ".");
            }
        });
    }

    /** Gives the session a new stream key; the old one stops working at once. Returns the new key. */
    public Future<String> rotateKey(String room, Instant now) {
        StreamKeys.Issued issued = StreamKeys.issue();
        return redis.run(rotateKey, new String[] {BookingKeyspace.session(room)}, issued.hash(), ms(now)).map(reply -> {
            switch (String.valueOf(reply.get(0))) {
                case "ok" -> {
                    return issued.key();
                }
                case "missing" -> throw Replies.notFound("no_such_session", "live session");
                default -> throw ApiException.conflict("not_active", "The session is " + reply.get(1)
                        + "; its stream key can no longer change.");
            }
        });
    }

    static String ms(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
