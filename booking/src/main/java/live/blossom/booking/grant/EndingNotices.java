package live.blossom.booking.grant;

import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.BookingRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a room that its broadcast is about to end: {@code lead} before a session's stream-key
 * window closes it publishes {@code broadcast_ending} on {@value #ADDRESS}. Every node runs this
 * timer; a Redis {@code SET NX} marker per room and window end makes exactly one of them send it.
 */
public final class EndingNotices {

    public static final String ADDRESS = "blossom.room.notice";
    private static final Logger log = LoggerFactory.getLogger(EndingNotices.class);

    private final Vertx vertx;
    private final BookingRedis redis;
    private final Clock clock;
    private final Duration lead;
    private final Counter sent;
    private long timer = -1;
    private boolean running;

    public EndingNotices(Vertx vertx, BookingRedis redis, Clock clock, Duration lead, MeterRegistry meters) {
        this.vertx = vertx;
        this.redis = redis;
        this.clock = clock;
        this.lead = lead;
        this.sent = Counter.builder("blossom.booking.notices").description("broadcast_ending notices sent by this node")
                .register(meters);
    }

    public void start(long intervalMillis) {
        timer = vertx.setPeriodic(intervalMillis, id -> tick());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void tick() {
        if (running) {
            return; // the previous round is still waiting for Redis
        }
        running = true;
        sweep(clock.instant()).onComplete(done -> {
            running = false;
            if (done.failed()) {
                log.warn("ending notices skipped a round: {}", done.cause().toString());
            }
        });
    }

    /** Sends the notices due at {@code now}: sessions whose window ends within {@code lead}. */
    Future<Void> sweep(Instant now) {
        Range<Long> due = Range.from(Range.Boundary.excluding(now.toEpochMilli()),
                Range.Boundary.including(now.plus(lead).toEpochMilli()));
        return redis.call(r -> r.zrangebyscoreWithScores(BookingKeyspace.SESSIONS, due)).compose(rooms -> {
            List<Future<Void>> sends = new ArrayList<>();
            rooms.forEach(room -> sends.add(notify(room.getValue(), (long) room.getScore(), now)));
            return Future.all(sends).mapEmpty();
        });
    }

    private Future<Void> notify(String room, long endsAt, Instant now) {
        // The marker outlives the window, so a node that comes late in the lead time does not send it again.
        SetArgs once = SetArgs.Builder.nx().px(lead.toMillis() + Duration.ofHours(1).toMillis());
        return redis.call(r -> r.set(BookingKeyspace.endingNotice(room, endsAt), "sent", once)).map(ok -> {
            if ("OK".equals(ok)) {
                vertx.eventBus().publish(ADDRESS, new JsonObject().put("type", "broadcast_ending").put("room", room)
                        .put("endsAt", endsAt).put("at", now.toEpochMilli()));
                sent.increment();
                log.info("broadcast ending notice room={} endsAt={}", room, Instant.ofEpochMilli(endsAt));
            }
            return null;
        });
    }
}
