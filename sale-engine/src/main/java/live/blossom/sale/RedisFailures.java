package live.blossom.sale;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletionException;
import live.blossom.platform.http.ApiException;

/** Turns a failed Redis call into what the client sees: 503 with Retry-After when Redis is away or slow. */
public final class RedisFailures {

    private RedisFailures() {
    }

    public static Throwable toApi(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException) {
            return cause;
        }
        if (cause instanceof RedisCommandExecutionException) {
            return cause; // a script or command error is a bug, not an outage: 500 and a log line
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return ApiException.unavailable("store_timeout", "The order store did not answer in time; try again shortly.", 1);
        }
        if (cause instanceof RedisConnectionException || cause instanceof RedisException
                || cause instanceof java.io.IOException) {
            return ApiException.unavailable("store_unavailable", "The order store is unavailable; try again shortly.", 1);
        }
        return cause;
    }
}
