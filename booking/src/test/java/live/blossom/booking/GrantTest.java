package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import live.blossom.booking.grant.Grant;
import live.blossom.booking.grant.GrantCheck;
import live.blossom.booking.grant.GrantRefused;
import live.blossom.platform.auth.Role;
import live.blossom.platform.config.PlatformKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The booking is the stream key: what the edge's publish authorizer is told, and when. */
class GrantTest {

    static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    static Path dir;
    @TempDir
    static Path dir2;
    static BookingNode node;
    static GrantCheck grants;
    static String studio;
    static String merchant;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, START, BookingKeys.NOTICE_INTERVAL, "100ms");
        grants = node.module.grantCheck();
        studio = node.studio("Studio G", "Asia/Shanghai", BookingNode.everyDay("08:00", "22:00"), 30, 60, 240, 15);
        merchant = node.token("m-dawa", "Dawa's Yak Milk", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void resetClock() {
        node.clock.set(START);
    }

    static Grant granted(String stream, String key) throws Exception {
        return grants.check(stream, key).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String refused(String stream, String key) throws Exception {
        Future<Grant> check = grants.check(stream, key);
        try {
            Grant grant = check.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a refusal, got " + grant);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(GrantRefused.class);
            return e.getCause().getMessage();
        }
    }

    @Test
    @DisplayName("a booking's key is refused before its window, accepted from 15 minutes before start to 15 minutes after end, refused after")
    void windowOfABooking() throws Exception {
        JsonObject booked = node.booked(studio, merchant, "2025-03-10T10:00+08:00", "2025-03-10T11:00+08:00");
        String room = booked.getJsonObject("booking").getString("room");
        String key = booked.getString("streamKey");
        assertThat(room).matches("[a-z0-9][a-z0-9-]{0,63}").startsWith("yak-milk-morning-show-");
        assertThat(key).hasSizeGreaterThanOrEqualTo(22); // 128 bits or more in base64url
        assertThat(node.snapshot().toString()).doesNotContain(key);

        node.clock.set(Instant.parse("2025-03-10T01:44:59Z"));
        assertThat(refused(room, key)).startsWith("too early");
        node.clock.set(Instant.parse("2025-03-10T01:45:00Z"));
        assertThat(granted(room, key)).isEqualTo(new Grant(room, Instant.parse("2025-03-10T01:45:00Z"),
                Instant.parse("2025-03-10T03:15:00Z")));
        node.clock.set(Instant.parse("2025-03-10T03:14:59Z"));
        assertThat(granted(room, key).room()).isEqualTo(room);
        assertThat(refused(room, key + "x")).isEqualTo("wrong stream key");
        assertThat(refused("someone-elses-room", key)).isEqualTo("unknown stream");
        assertThat(refused("Not A Room!", key)).isEqualTo("unknown stream");
        node.clock.set(Instant.parse("2025-03-10T03:15:00Z"));
        assertThat(refused(room, key)).startsWith("too late");
    }

    @Test
    @DisplayName("a key works only for its own booking's stream, and rotating it retires the old one at once")
    void keysAreBoundAndRotatable() throws Exception {
        JsonObject first = node.booked(studio, merchant, "2025-03-11T10:00+08:00", "2025-03-11T11:00+08:00");
        JsonObject second = node.booked(studio, merchant, "2025-03-11T12:00+08:00", "2025-03-11T13:00+08:00");
        String room = first.getJsonObject("booking").getString("room");
        node.clock.set(Instant.parse("2025-03-11T02:30:00Z"));
        assertThat(refused(room, second.getString("streamKey"))).isEqualTo("wrong stream key");

        String other = node.token("m-other", "Other", Role.MERCHANT);
        assertThat(node.post("/api/sessions/" + room + "/key", other, "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> rotated = node.post("/api/sessions/" + room + "/key", merchant, "{}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKey = BookingNode.json(rotated).getString("streamKey");
        assertThat(refused(room, first.getString("streamKey"))).isEqualTo("wrong stream key");
        assertThat(granted(room, newKey).room()).isEqualTo(room);

        // Once started, only an admin can cancel; the key stops working at once.
        String cancel = "/api/bookings/" + first.getJsonObject("booking").getString("id") + "/cancel";
        assertThat(node.post(cancel, merchant, "{}").statusCode()).isEqualTo(422);
        assertThat(node.post(cancel, node.admin, "{}").statusCode()).isEqualTo(200);
        assertThat(refused(room, newKey)).isEqualTo("session cancelled");
    }

    @Test
    @DisplayName("a remote session (no studio) gets a room and a stream key with the same window, and the home page lists it")
    void remoteSession() throws Exception {
        HttpResponse<String> created = node.post("/api/sessions/remote", merchant, new JsonObject()
                .put("title", "Plum harvest on the farm").put("start", "2025-03-12T16:00+08:00")
                .put("end", "2025-03-12T17:30+08:00").put("timeZone", "Asia/Shanghai").encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject session = BookingNode.json(created).getJsonObject("session");
        String room = session.getString("room");
        String key = BookingNode.json(created).getString("streamKey");
        assertThat(session.getBoolean("remote")).isTrue();
        assertThat(session.getString("studio")).isNull();
        assertThat(session.getJsonObject("streamKeyValid")).isEqualTo(new JsonObject()
                .put("from", "2025-03-12T15:45:00+08:00").put("until", "2025-03-12T17:45:00+08:00"));

        HttpResponse<String> home = node.get("/api/sessions", null);
        assertThat(BookingNode.json(home).getJsonArray("sessions").stream()
                .map(s -> ((JsonObject) s).getString("title"))).contains("Plum harvest on the farm");

        node.clock.set(Instant.parse("2025-03-12T07:44:59Z"));
        assertThat(refused(room, key)).startsWith("too early");
        node.clock.set(Instant.parse("2025-03-12T08:00:00Z"));
        assertThat(granted(room, key).validUntil()).isEqualTo(Instant.parse("2025-03-12T09:45:00Z"));
        assertThat(BookingNode.json(node.get("/api/sessions/" + room, null)).getString("state")).isEqualTo("live");

        assertThat(node.post("/api/sessions/" + room + "/cancel", merchant, "{}").statusCode()).isEqualTo(200);
        assertThat(refused(room, key)).isEqualTo("session cancelled");
    }

    @Test
    @DisplayName("5 minutes before a window ends the room gets one broadcast_ending notice, even with two nodes watching")
    void broadcastEndingNotice() throws Exception {
        JsonObject booked = node.booked(studio, merchant, "2025-03-13T10:00+08:00", "2025-03-13T11:00+08:00");
        String room = booked.getJsonObject("booking").getString("room");
        long endsAt = Instant.parse("2025-03-13T03:15:00Z").toEpochMilli();

        // A second node on the same Redis with its own clock: both run the notice timer.
        try (BookingNode second = BookingNode.start(dir2, START, BookingKeys.NOTICE_INTERVAL, "100ms",
                PlatformKeys.REDIS_URL, node.platform.redis().uri())) {
            List<JsonObject> notices = new CopyOnWriteArrayList<>();
            for (BookingNode n : List.of(node, second)) {
                n.platform.vertx().eventBus().<JsonObject>consumer("blossom.room.notice", m -> {
                    if (room.equals(m.body().getString("room"))) {
                        notices.add(m.body());
                    }
                });
            }
            Instant fourMinutesBefore = Instant.ofEpochMilli(endsAt).minus(Duration.ofMinutes(4));
            second.clock.set(fourMinutesBefore);
            node.clock.set(fourMinutesBefore);

            await().atMost(Duration.ofSeconds(10)).until(() -> !notices.isEmpty());
            // Both timers keep running every 100 ms while the window closes; the Redis marker keeps it at one.
            String marker = BookingKeyspace.endingNotice(room, endsAt);
            assertThat(node.redis().exists(marker)).isEqualTo(1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> notices.size() == 1);
            assertThat(notices).hasSize(1);
            JsonObject notice = notices.get(0);
            assertThat(notice.getString("type")).isEqualTo("broadcast_ending");
            assertThat(notice.getLong("endsAt")).isEqualTo(endsAt);
            assertThat(notice.getLong("at")).isLessThan(endsAt);
        }
    }
}
