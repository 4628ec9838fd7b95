package live.blossom.chat.room;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import live.blossom.platform.cluster.ClusterFutures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts commerce events ({@code blossom.commerce}) and room notices ({@code blossom.room.notice})
 * into the room's sequence, where they are never sampled away. Both addresses are published to
 * every node; a short-lived claim in a Hazelcast map (keyed by the event's digest) lets exactly
 * one node append each event.
 *
 * <p>Order: the node where an event was published claims and appends it at once, and handles
 * one room's events one after another, so "7 left" cannot overtake "8 left". Every other node
 * tries the claim only after a delay, as a fallback for a publisher that runs no chat (or died
 * meanwhile): nothing is lost, and those late events are the only ones whose order is not kept.
 *
 * <p>A node whose append fails gives its claim back, so that the fallbacks (this node's too) can
 * still post the event instead of finding it claimed, and tries again itself, 1, 2 and 4 s later:
 * a ring that refuses appends for a few seconds (a struggling cluster, a migration after a member
 * died) would otherwise refuse the fallbacks too, and the event would be lost. The room's later
 * events wait for those tries, so they keep their order.
 */
public final class RoomEvents {

    public static final String COMMERCE = "blossom.commerce";
    public static final String NOTICES = "blossom.room.notice";
    private static final String CLAIMS = "chat.event-claims";
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_EVENT_BYTES = 4096;
    /** Events of one room waiting for the ones before them; beyond this the room is flooded. */
    private static final int MAX_PENDING_PER_ROOM = 256;
    /** How long other nodes leave an event to the node it was published on. */
    private static final long FALLBACK_DELAY_MS = 2_000;
    private static final int MAX_FALLBACKS = 10_000;
    /** Tries of one event on one node, and the pause before the first try again (doubling after). */
    private static final int MAX_TRIES = 4;
    private static final long RETRY_DELAY_MS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(RoomEvents.class);

    private final Vertx vertx;
    private final RoomLog roomLog;
    private final IMap<String, String> claims;
    /** Names each claim this node makes: member id and a counter. */
    private final String claimPrefix;
    private final AtomicLong claimCount = new AtomicLong();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final AtomicInteger fallbacks = new AtomicInteger();
    private volatile boolean stopped;
    /** Per room: the last event's claim-and-append, which the next one waits for, and how many wait. */
    private final ConcurrentHashMap<String, Tail> tails = new ConcurrentHashMap<>();

    private record Tail(Future<?> last, int pending) {
    }

    public RoomEvents(Vertx vertx, HazelcastInstance hazelcast, RoomLog roomLog) {
        this.vertx = vertx;
        this.roomLog = roomLog;
        hazelcast.getConfig().addMapConfig(new MapConfig(CLAIMS).setTimeToLiveSeconds(120).setBackupCount(1));
        this.claims = hazelcast.getMap(CLAIMS);
        this.claimPrefix = hazelcast.getCluster().getLocalMember().getUuid() + "/";
    }

    public void start() {
        for (String address : List.of(COMMERCE, NOTICES)) {
            // Published here: claim at once. Published anywhere (here too): the delayed fallback.
            consumers.add(vertx.eventBus().<Object>localConsumer(address, m -> onEvent(m, false)));
            consumers.add(vertx.eventBus().<Object>consumer(address, m -> onEvent(m, true)));
        }
    }

    private void onEvent(Message<Object> message, boolean fallback) {
        if (!(message.body() instanceof JsonObject event)) {
            return;
        }
        String room = event.getString("room");
        String encoded = event.encode();
        if (room == null || !ROOM.matcher(room).matches() || !(event.getValue("type") instanceof String)
                || encoded.length() > MAX_EVENT_BYTES) {
            if (fallback) {
                log.warn("room event ignored address={} reason=malformed", message.address());
            }
            return;
        }
        if (!fallback) {
            queue(room, event, encoded);
        } else if (fallbacks.incrementAndGet() <= MAX_FALLBACKS) {
            vertx.setTimer(FALLBACK_DELAY_MS, id -> {
                fallbacks.decrementAndGet();
                if (!stopped) {
                    queue(room, event, encoded);
                }
            });
        } else {
            // Only the insurance is skipped; the publishing node, if it runs chat, appends the event.
            fallbacks.decrementAndGet();
            log.warn("room event fallback skipped room={} reason=too_many_pending", room);
        }
    }

    private void queue(String room, JsonObject event, String encoded) {
        List<Future<Long>> queued = new ArrayList<>(1);
        tails.compute(room, (r, previous) -> {
            if (previous != null && previous.pending() >= MAX_PENDING_PER_ROOM) {
                return previous;
            }
            Future<?> after = previous == null ? Future.succeededFuture() : previous.last();
            Future<Long> appended = after.transform(ignored -> post(room, event, encoded, MAX_TRIES, RETRY_DELAY_MS));
            queued.add(appended);
            return new Tail(appended, previous == null ? 1 : previous.pending() + 1);
        });
        if (queued.isEmpty()) {
            log.warn("room event dropped room={} reason=too_many_pending", room);
            return;
        }
        // Outside compute(): a future that has already failed runs these at once.
        queued.get(0).onFailure(e -> log.warn("room event not appended room={} cause={}", room, e.toString()))
                .onComplete(ignored -> done(room));
    }

    /** Claims and appends the event, and tries again while this node could give its claim back. */
    private Future<Long> post(String room, JsonObject event, String encoded, int triesLeft, long delayMs) {
        return claimAndAppend(room, event, encoded).recover(e -> {
            if (triesLeft <= 1 || stopped || !(e instanceof NotAppended failure) || !failure.released) {
                return Future.failedFuture(e);
            }
            log.info("room event append failed, trying again in {} ms room={} cause={}", delayMs, room, e.toString());
            Promise<Long> again = Promise.promise();
            vertx.setTimer(delayMs, id -> post(room, event, encoded, triesLeft - 1, 2 * delayMs).onComplete(again));
            return again.future();
        });
    }

    private Future<Long> claimAndAppend(String room, JsonObject event, String encoded) {
        String key = room + ":" + digest(encoded);
        String holder = claimPrefix + claimCount.incrementAndGet();
        return ClusterFutures.on(claims.submitToKey(key, ClaimOnce.take(holder)), vertx.getOrCreateContext())
                .compose(won -> won ? roomLog.append(room, ChatItem.eventLine(event, System.currentTimeMillis()))
                        .recover(e -> release(key, holder, e)) : Future.succeededFuture(-1L));
    }

    /** The append failed: a claim kept would make every other delivery of the event skip it. */
    private Future<Long> release(String key, String holder, Throwable appendFailure) {
        return ClusterFutures.on(claims.submitToKey(key, ClaimOnce.giveBack(holder)), vertx.getOrCreateContext())
                .transform(r -> Future.failedFuture(new NotAppended(r.succeeded() && r.result(), r.succeeded()
                        ? (r.result() ? "claim released" : "claim no longer ours")
                        : "claim kept, release failed: " + r.cause(), appendFailure)));
    }

    /** An append failure and what became of the claim, said in the one line {@link #queue} logs. */
    private static final class NotAppended extends RuntimeException {

        /** Whether the claim was given back: only then may this node try the event again. */
        final boolean released;

        NotAppended(boolean released, String claim, Throwable cause) {
            super(claim + "; append failed: " + cause, cause, false, false);
            this.released = released;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** One of the room's events is through: forget the room once none waits. */
    private void done(String room) {
        tails.computeIfPresent(room, (r, t) -> t.pending() <= 1 ? null : new Tail(t.last(), t.pending() - 1));
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        stopped = true;
        consumers.forEach(MessageConsumer::unregister);
    }
}
