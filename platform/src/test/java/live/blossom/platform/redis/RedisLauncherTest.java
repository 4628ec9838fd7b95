package live.blossom.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisLauncherTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a launched Redis answers on a free loopback port with AOF fsync always, under the data directory")
    void launchesWithAofAlways() {
        try (RedisServerProcess redis = RedisLauncher.launch(dir, "always", "");
             RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> conn = client.connect()) {
            assertThat(conn.sync().ping()).isEqualTo("PONG");
            assertThat(conn.sync().configGet("appendfsync")).containsEntry("appendfsync", "always");
            assertThat(conn.sync().configGet("appendonly")).containsEntry("appendonly", "yes");
            assertThat(conn.sync().configGet("dir").get("dir")).isEqualTo(dir.toAbsolutePath().toString());
        }
    }

    @Test
    @DisplayName("a write acknowledged before kill -9 is there after the restart")
    void survivesKillNine() {
        try (RedisServerProcess redis = RedisLauncher.launch(dir, "always", "")) {
            long pidBefore = redis.pid();
            try (RedisClient client = RedisClient.create(redis.uri());
                 StatefulRedisConnection<String, String> conn = client.connect()) {
                conn.sync().set("order:1", "paid");
            }
            redis.kill();
            redis.restart();
            assertThat(redis.pid()).isNotEqualTo(pidBefore);
            try (RedisClient client = RedisClient.create(redis.uri());
                 StatefulRedisConnection<String, String> conn = client.connect()) {
                assertThat(conn.sync().get("order:1")).isEqualTo("paid");
            }
        }
    }

    @Test
    @DisplayName("at JVM exit, a Redis its owner closes stays up for the owner's last writes, then stops with the owner's close")
    void exitHookLeavesRedisToItsOwner() throws InterruptedException {
        RedisServerProcess redis = RedisLauncher.launch(dir, "always", "");
        redis.closedByOwner();
        Thread exitHook = new Thread(() -> redis.closeAtExit(Duration.ofSeconds(30)));
        exitHook.start();
        exitHook.join(500);
        try (RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> conn = client.connect()) {
            conn.sync().set("order:last", "paid");
            assertThat(conn.sync().get("order:last")).isEqualTo("paid");
        }
        assertThat(exitHook.isAlive()).isTrue();
        redis.close();
        exitHook.join(15_000);
        assertThat(exitHook.isAlive()).isFalse();
        assertThat(ProcessHandle.of(redis.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    @DisplayName("at JVM exit, a Redis nobody else closes is stopped by the exit hook")
    void exitHookStopsAnUnownedRedis() {
        RedisServerProcess redis = RedisLauncher.launch(dir, "always", "");
        redis.closeAtExit(Duration.ofSeconds(30));
        assertThat(ProcessHandle.of(redis.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    @DisplayName("REDIS_URL set means no process is launched")
    void externalUrlIsUsedAsIs() {
        BlossomConfig config = BlossomConfig.defaults().with(PlatformKeys.REDIS_URL, "redis://example.invalid:6379");
        try (RedisHandle handle = RedisLauncher.forConfig(config)) {
            assertThat(handle).isNotInstanceOf(RedisServerProcess.class);
            assertThat(handle.uri()).isEqualTo("redis://example.invalid:6379");
        }
    }

    @Test
    @DisplayName("a Redis that cannot start says why in one line")
    void explainsStartFailure() {
        assertThatThrownBy(() -> RedisLauncher.launch(dir, "always", "/bin/false"))
                .isInstanceOf(RedisStartException.class)
                .hasMessageStartingWith("redis-server exited with code 1")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> RedisLauncher.launch(dir, "sometimes", ""))
                .isInstanceOf(RedisStartException.class)
                .hasMessageContaining("always, everysec or no");
        assertThatThrownBy(() -> RedisLauncher.launch(dir, "always", dir.resolve("missing").toString()))
                .isInstanceOf(RedisStartException.class)
                .hasMessageContaining("is not an executable file");
    }
}
