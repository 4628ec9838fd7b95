package live.blossom.sale.flash;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import live.blossom.platform.http.ApiException;
import live.blossom.sale.SaleKeyspace;

/**
 * This node's copy of sale metadata, re-read from Redis when older than a second. Only events and
 * views use it; every buying decision is taken by the Lua scripts on the authoritative meta.
 */
public final class SaleDirectory {

    private static final long FRESH_MS = 1000;
    private static final int MAX_SALES = 10_000;

    private record Entry(FlashSale sale, long loadedAt) {
    }

    private final RedisAsyncCommands<String, String> redis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SaleDirectory(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    /** The sale, from memory when fresh; a failed future with 404 if there is none. */
    public Future<FlashSale> get(String id) {
        Entry entry = entries.get(id);
        if (entry != null && System.currentTimeMillis() - entry.loadedAt < FRESH_MS) {
            return Future.succeededFuture(entry.sale);
        }
        return load(id);
    }

    /** The sale read from Redis now. */
    public Future<FlashSale> load(String id) {
        return Future.fromCompletionStage(redis.hgetall(SaleKeyspace.meta(id))).map(hash -> {
            if (hash == null || !hash.containsKey("offered")) {
                entries.remove(id);
                throw ApiException.notFound("no_such_sale", "There is no sale '" + id + "'.");
            }
            FlashSale sale = FlashSale.fromHash(hash);
            if (entries.size() >= MAX_SALES) {
                entries.clear(); // a cache, not a record: start over rather than grow
            }
            entries.put(id, new Entry(sale, System.currentTimeMillis()));
            return sale;
        });
    }

    /** The last copy held, however old, or null. */
    public FlashSale cached(String id) {
        Entry entry = entries.get(id);
        return entry == null ? null : entry.sale;
    }

    public void forget(String id) {
        entries.remove(id);
    }
}
