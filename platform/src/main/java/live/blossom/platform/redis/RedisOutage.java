package live.blossom.platform.redis;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/**
 * Tells a Redis outage (the client should retry shortly: 503) from a command error (a bug: 500).
 *
 * <p>An outage is a timeout, a lost or refused connection, or a Redis that is up but cannot serve yet:
 * {@code -LOADING} while it replays its AOF after a restart (Lettuce reconnects as soon as the port
 * listens, before the data is back) and {@code -BUSY} while a script runs past its time limit.
 */
public final class RedisOutage {

    private RedisOutage() {
    }

    /** The failure without the {@link CompletionException} layers futures wrap it in. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static boolean isTimeout(Throwable failure) {
        return unwrap(failure) instanceof RedisCommandTimeoutException;
    }

    public static boolean isOutage(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RedisLoadingException || cause instanceof RedisBusyException) {
            return true;
        }
        if (cause instanceof RedisCommandExecutionException) {
            return false;
        }
        return cause instanceof RedisException || cause instanceof IOException;
    }
}
