package live.blossom.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.internal.ExceptionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisOutageTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a Redis replaying its AOF after a restart (-LOADING) is an outage to retry, not a bug")
    void loadingIsAnOutage() {
        // Lettuce turns the server's error line into this exception exactly so
        Throwable loading = ExceptionFactory.createExecutionException("LOADING Redis is loading the dataset in memory");
        assertThat(RedisOutage.isOutage(loading)).isTrue();
        assertThat(RedisOutage.isOutage(new CompletionException(loading))).isTrue();
    }

    @Test
    @DisplayName("a Redis held by a script past its time limit (-BUSY) is an outage; the script's own error is not")
    void busyIsAnOutageScriptErrorIsNot() {
        try (RedisServerProcess redis = RedisLauncher.launch(dir, "no", "");
             RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> runner = client.connect();
             StatefulRedisConnection<String, String> other = client.connect()) {
            other.sync().configSet("lua-time-limit", "50");
            runner.setTimeout(Duration.ofSeconds(30));
            var endless = runner.async().eval("while true do end", ScriptOutputType.STATUS);
            AtomicReference<Throwable> refused = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                refused.set(catchThrowable(() -> other.sync().get("sale:1")));
                return refused.get() != null;
            });
            other.sync().scriptKill();
            catchThrowable(() -> endless.get());
            Throwable busy = refused.get();

            assertThat(busy).as("a command while the script runs").isNotNull().hasMessageStartingWith("BUSY");
            assertThat(RedisOutage.isOutage(busy)).isTrue();
            Throwable scriptError = catchThrowable(() -> other.sync().eval("return redis.call('incr', 'x', 'y')",
                    ScriptOutputType.INTEGER));
            assertThat(scriptError).isNotNull();
            assertThat(RedisOutage.isOutage(scriptError)).isFalse();
        }
    }

    @Test
    @DisplayName("timeouts, refused or lost connections and socket errors are outages; the rest is not")
    void connectionFailuresAreOutages() {
        assertThat(RedisOutage.isOutage(new RedisCommandTimeoutException("Command timed out after 1 second(s)"))).isTrue();
        assertThat(RedisOutage.isTimeout(new CompletionException(new RedisCommandTimeoutException("t")))).isTrue();
        assertThat(RedisOutage.isOutage(new RedisConnectionException("Unable to connect to 127.0.0.1:1"))).isTrue();
        assertThat(RedisOutage.isOutage(new RedisException("Connection closed"))).isTrue();
        assertThat(RedisOutage.isOutage(new IOException("Connection reset by peer"))).isTrue();
        assertThat(RedisOutage.isOutage(new IllegalStateException("reserve answered ?"))).isFalse();
        assertThat(RedisOutage.isOutage(ExceptionFactory.createExecutionException("ERR wrong number of arguments")))
                .isFalse();
    }
}
