package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import live.blossom.booking.grant.GrantRefused;
import live.blossom.platform.auth.Role;
import live.blossom.platform.redis.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisOutageTest {

    @TempDir
    static Path dir;
    static BookingNode node;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, Instant.parse("2025-03-01T00:00:00Z"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("kill -9 of Redis: requests get 503 with Retry-After and publishes are refused; after the restart the bookings are all there and still guard their slots")
    void redisKilledAndRestarted() throws Exception {
        String studio = node.studio("Studio R", "Asia/Shanghai", BookingNode.everyDay("09:00", "21:00"), 30, 60, 240, 15);
        String merchant = node.token("m-r", "Resilient Merchant", Role.MERCHANT);
        JsonObject booked = node.booked(studio, merchant, "2025-03-10T10:00+08:00", "2025-03-10T11:00+08:00");
        RedisServerProcess redis = (RedisServerProcess) node.platform.redis();

        redis.kill();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                node.book(studio, merchant, "2025-03-10T14:00+08:00", "2025-03-10T15:00+08:00").statusCode() == 503);
        HttpResponse<String> down = node.book(studio, merchant, "2025-03-10T14:00+08:00", "2025-03-10T15:00+08:00");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(BookingNode.json(down).getString("error")).startsWith("store_");
        node.clock.set(Instant.parse("2025-03-10T02:00:00Z"));
        try {
            node.module.grantCheck().check(booked.getJsonObject("booking").getString("room"), booked.getString("streamKey"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("a publish was allowed while Redis was down");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(GrantRefused.class).hasMessage("booking store unavailable");
        } finally {
            node.clock.set(Instant.parse("2025-03-01T00:00:00Z"));
        }

        redis.restart();
        // Redis comes back with its data (AOF) but an empty script cache: the scripts load themselves again.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                node.book(studio, merchant, "2025-03-10T14:00+08:00", "2025-03-10T15:00+08:00").statusCode() == 201);
        HttpResponse<String> taken = node.book(studio, merchant, "2025-03-10T10:30+08:00", "2025-03-10T11:30+08:00");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(BookingNode.json(taken).getJsonObject("conflict").getString("start")).isEqualTo("2025-03-10T10:00:00+08:00");
    }
}
