package live.blossom.booking.grant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;
import live.blossom.booking.http.Replies;

/**
 * The grant check against the sessions in Redis. It exists from the module's construction so the
 * app can hand it to the edge before start; until the module has started it refuses everything.
 */
public final class StoredGrantCheck implements GrantCheck {

    private static final int MAX_KEY_LENGTH = 256;

    private final Clock clock;
    private volatile BookingRedis redis;
    private volatile Counter granted;
    private volatile Counter refused;

    public StoredGrantCheck(Clock clock) {
        this.clock = clock;
    }

    public void attach(BookingRedis store, MeterRegistry meters) {
        this.granted = Counter.builder("blossom.booking.grant.checks").tag("result", "granted")
                .description("Stream-key checks for a publish").register(meters);
        this.refused = Counter.builder("blossom.booking.grant.checks").tag("result", "refused")
                .description("Stream-key checks for a publish").register(meters);
        this.redis = store;
    }

    public void detach() {
        this.redis = null;
    }

    @Override
    public Future<Grant> check(String stream, String key) {
        BookingRedis store = redis;
        if (store == null) {
            return Future.failedFuture(new GrantRefused("booking is not running"));
        }
        if (stream == null || !Replies.ROOM.matcher(stream).matches()) {
            return Future.failedFuture(new GrantRefused("unknown stream"));
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Future.failedFuture(new GrantRefused("wrong stream key"));
        }
        return store.call(r -> r.hmget(BookingKeyspace.session(stream), "status", "keyHash", "validFrom", "validUntil"))
                .map(values -> decide(stream, key, values.stream().map(v -> v.getValueOrElse(null)).toList()))
                .onSuccess(grant -> granted.increment())
                .recover(failure -> {
                    refused.increment();
                    // Redis away or slow: refuse with a reason the edge can pass on; the publisher retries.
                    return Future.failedFuture(failure instanceof GrantRefused ? failure
                            : new GrantRefused("booking store unavailable"));
                });
    }

    private Grant decide(String stream, String key, List<String> values) {
        String status = values.get(0);
        if (status == null) {
            throw new GrantRefused("unknown stream");
        }
        if (!StreamKeys.matches(key, values.get(1))) {
            throw new GrantRefused("wrong stream key");
        }
        if (!status.equals("active")) {
            throw new GrantRefused("session cancelled");
        }
        Instant from = Instant.ofEpochMilli(Long.parseLong(values.get(2)));
        Instant until = Instant.ofEpochMilli(Long.parseLong(values.get(3)));
        Instant now = clock.instant();
        if (now.isBefore(from)) {
            throw new GrantRefused("too early: the key works from " + from);
        }
        if (!now.isBefore(until)) {
            throw new GrantRefused("too late: the key worked until " + until);
        }
        return new Grant(stream, from, until);
    }
}
