package live.blossom.edge.publish;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The edge's own stream keys, in Redis: {@code edge:stream:<name>} is a hash of the owner, the
 * SHA-256 of the key and the creation time. The key itself (256 random bits) is shown once at
 * creation or rotation and never stored. SHA-256 without salt is enough for keys of that
 * entropy: nothing to brute-force.
 */
public final class StreamKeyStore implements PublishAuthorizer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisAsyncCommands<String, String> redis;

    public StreamKeyStore(StatefulRedisConnection<String, String> connection) {
        this.redis = connection.async();
    }

    /** A stream and its key, as created or rotated. */
    public record Issued(String stream, String key) {
    }

    /** Creates a stream owned by {@code owner}; fails with "exists" when the name is taken. */
    public Future<Issued> create(String stream, String owner) {
        String key = newKey();
        return Future.fromCompletionStage(redis.hsetnx(redisKey(stream), "owner", owner)).compose(created -> {
            if (!created) {
                return Future.failedFuture(new IllegalStateException("exists"));
            }
            return Future.fromCompletionStage(redis.hset(redisKey(stream), Map.of(
                            "keyHash", hash(key), "createdAt", Long.toString(System.currentTimeMillis()))))
                    .map(n -> new Issued(stream, key));
        });
    }

    /** The stream's owner, or null when there is no such stream. */
    public Future<String> owner(String stream) {
        return Future.fromCompletionStage(redis.hget(redisKey(stream), "owner"));
    }

    /** Replaces the key; the old one stops working at once (a running publish goes on). */
    public Future<Issued> rotate(String stream) {
        String key = newKey();
        return Future.fromCompletionStage(redis.hset(redisKey(stream), "keyHash", hash(key)))
                .map(n -> new Issued(stream, key));
    }

    @Override
    public Future<PublishPermit> authorize(String app, String stream, String key, String remoteAddress) {
        if (key == null || key.isEmpty()) {
            return Future.failedFuture("no stream key");
        }
        return Future.fromCompletionStage(redis.hget(redisKey(stream), "keyHash")).compose(stored -> {
            if (stored == null) {
                return Future.failedFuture("unknown stream");
            }
            boolean match = MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                    hash(key).getBytes(StandardCharsets.US_ASCII));
            return match ? Future.succeededFuture(new PublishPermit(stream, null)) : Future.failedFuture("wrong stream key");
        });
    }

    private static String redisKey(String stream) {
        return "edge:stream:" + stream;
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
