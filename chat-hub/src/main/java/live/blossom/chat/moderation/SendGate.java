package live.blossom.chat.moderation;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import live.blossom.chat.protocol.ProtocolError;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.cluster.ClusterFutures;

/**
 * Decides whether a user may post a line in a room now: not banned or timed out, no blocked
 * word, slow mode, then the per-user rate limit. Everything lives in Hazelcast maps, so it holds
 * across nodes and reconnects. Hosts and moderators are exempt from slow mode and the rate limit.
 */
public final class SendGate {

    static final String RULES = "chat.room-rules";
    static final String SANCTIONS = "chat.sanctions";
    private static final String RATE = "chat.rate";
    private static final String SLOW = "chat.slow";

    private final Vertx vertx;
    private final IMap<String, RoomRules> rules;
    private final IMap<String, Long> sanctions;
    private final IMap<String, long[]> rate;
    private final IMap<String, Long> slow;
    private final int rateCount;
    private final long ratePeriodMs;

    public SendGate(HazelcastInstance hazelcast, Vertx vertx, int rateCount, Duration ratePeriod) {
        this.vertx = vertx;
        this.rateCount = rateCount;
        this.ratePeriodMs = ratePeriod.toMillis();
        int idle = (int) Math.max(60, ratePeriod.toSeconds() * 2);
        // An asynchronous backup: a send does not wait for it, and a member crash can at worst
        // forget a few counts of a rate window.
        hazelcast.getConfig().addMapConfig(new MapConfig(RATE).setMaxIdleSeconds(idle).setBackupCount(0).setAsyncBackupCount(1));
        hazelcast.getConfig().addMapConfig(new MapConfig(SLOW).setMaxIdleSeconds(3600).setBackupCount(1));
        // Rules are read on every send and change rarely: a near cache invalidated on change.
        hazelcast.getConfig().addMapConfig(new MapConfig(RULES).setBackupCount(1)
                .setNearCacheConfig(new NearCacheConfig(RULES).setInvalidateOnChange(true)));
        // Sanctions are read on every send and are almost always absent: the near cache keeps the
        // answer (absence included) per room and user, and a ban or timeout invalidates it on every node.
        hazelcast.getConfig().addMapConfig(new MapConfig(SANCTIONS).setBackupCount(1)
                .setNearCacheConfig(new NearCacheConfig(SANCTIONS).setInvalidateOnChange(true)
                        .setEvictionConfig(new EvictionConfig()
                                .setEvictionPolicy(EvictionPolicy.LRU).setSize(100_000))));
        this.rules = hazelcast.getMap(RULES);
        this.sanctions = hazelcast.getMap(SANCTIONS);
        this.rate = hazelcast.getMap(RATE);
        this.slow = hazelcast.getMap(SLOW);
    }

    static String sanctionKey(String room, String user) {
        return room + "/" + user;
    }

    public Future<RoomRules> rules(String room) {
        return ClusterFutures.on(rules.getAsync(room), vertx.getOrCreateContext())
                .map(r -> r == null ? RoomRules.NONE : r);
    }

    /** Succeeds if the line may be posted; fails with a {@link ProtocolError} the client sees. */
    public Future<Void> check(String room, Principal user, String text) {
        boolean privileged = user.has(Role.HOST) || user.has(Role.MODERATOR);
        long now = System.currentTimeMillis();
        Future<Long> sanction = ClusterFutures.on(sanctions.getAsync(sanctionKey(room, user.userId())),
                vertx.getOrCreateContext());
        return sanction.compose(until -> {
            if (until != null && until > now) {
                boolean ban = until == Long.MAX_VALUE;
                return Future.failedFuture(new ProtocolError(ban ? "banned" : "timed_out",
                        ban ? "You are banned from this room's chat." : "You are timed out in this room.",
                        ban ? 0 : until - now));
            }
            return rules(room);
        }).compose(r -> {
            String word = r.blockedWordIn(text);
            if (word != null) {
                return Future.failedFuture(new ProtocolError("blocked_word",
                        "This room does not allow one of the words in your message."));
            }
            if (privileged || r.slowSeconds() <= 0) {
                return Future.succeededFuture(0L);
            }
            return ClusterFutures.on(slow.submitToKey(sanctionKey(room, user.userId()),
                    new SlowModeGate(r.slowSeconds() * 1000L, now)), vertx.getOrCreateContext()).compose(wait -> wait > 0
                    ? Future.failedFuture(new ProtocolError("slow_mode", "Slow mode: one message every "
                            + r.slowSeconds() + " s.", wait))
                    : Future.succeededFuture(0L));
        }).compose(ignored -> {
            if (privileged) {
                return Future.succeededFuture();
            }
            return ClusterFutures.on(rate.submitToKey(user.userId(),
                    new SlidingWindowLimit(rateCount, ratePeriodMs, now)), vertx.getOrCreateContext()).compose(wait -> wait > 0
                    ? Future.failedFuture(new ProtocolError("rate_limited", "Too many messages: at most " + rateCount
                            + " per " + (ratePeriodMs / 1000) + " s.", wait))
                    : Future.<Void>succeededFuture());
        });
    }
}
