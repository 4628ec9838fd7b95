package live.blossom.booking;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.redis.LuaScript;
import live.blossom.platform.redis.RedisOutage;

/**
 * The booking plane's Redis connection as Vert.x futures: results come back on the caller's
 * Vert.x context, and an unreachable or slow Redis becomes a 503 with Retry-After.
 */
public final class BookingRedis {

    private final Vertx vertx;
    private final RedisAsyncCommands<String, String> commands;

    public BookingRedis(Vertx vertx, RedisAsyncCommands<String, String> commands) {
        this.vertx = vertx;
        this.commands = commands;
    }

    public <T> Future<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
        return Future.fromCompletionStage(command.apply(commands), vertx.getOrCreateContext())
                .recover(failure -> Future.failedFuture(toApi(failure)));
    }

    public Future<List<Object>> run(LuaScript script, String[] keys, String... args) {
        return call(redis -> script.run(redis, keys, args));
    }

    static Throwable toApi(Throwable failure) {
        Throwable cause = RedisOutage.unwrap(failure);
        if (RedisOutage.isTimeout(cause)) {
            return ApiException.unavailable("store_timeout", "The booking store did not answer in time; try again shortly.", 1);
        }
        if (RedisOutage.isOutage(cause)) {
            return ApiException.unavailable("store_unavailable", "The booking store is unavailable; try again shortly.", 1);
        }
        // Script or command errors are bugs, not outages: 500 and a log line.
        return cause;
    }
}
