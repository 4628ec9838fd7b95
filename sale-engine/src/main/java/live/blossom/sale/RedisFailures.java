package live.blossom.sale;

import live.blossom.platform.http.ApiException;
import live.blossom.platform.redis.RedisOutage;

/** Turns a failed Redis call into what the client sees: 503 with Retry-After when Redis is away or slow. */
public final class RedisFailures {

    private RedisFailures() {
    }

    public static Throwable toApi(Throwable failure) {
        Throwable cause = RedisOutage.unwrap(failure);
        if (cause instanceof ApiException) {
            return cause;
        }
        if (RedisOutage.isTimeout(cause)) {
            return ApiException.unavailable("store_timeout", "The order store did not answer in time; try again shortly.", 1);
        }
        if (RedisOutage.isOutage(cause)) {
            return ApiException.unavailable("store_unavailable", "The order store is unavailable; try again shortly.", 1);
        }
        return cause; // a script or command error is a bug, not an outage: 500 and a log line
    }
}
