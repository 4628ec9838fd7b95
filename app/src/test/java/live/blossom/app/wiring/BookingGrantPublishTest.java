package live.blossom.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import live.blossom.booking.BookingKeys;
import live.blossom.booking.BookingModule;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.EdgeModule;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The booking is the stream key: a real RTMP publish through JavaCV's FFmpeg, authorized by the
 * booking module's grant through the app's adapter to the edge's publish authorizer.
 */
class BookingGrantPublishTest {

    @TempDir
    static Path dataDir;

    static final OffsetClock clock = new OffsetClock();
    static final HttpClient http = HttpClient.newHttpClient();
    static Platform platform;
    static EdgeModule edge;
    static String admin;
    static String studio;
    /** Where the short booking of the "after the window" case ends its grant: known before start-up. */
    static Instant shortGrantEnds;
    static Instant shortBookingEnd;

    @BeforeAll
    static void start() throws Exception {
        // A booking that ended on the last 5-minute mark, whose key stays valid (grace) until 45 s from now.
        Instant now = Instant.now();
        shortBookingEnd = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)
                .plusMinutes(ZonedDateTime.ofInstant(now, ZoneOffset.UTC).getMinute() / 5 * 5L).toInstant();
        shortGrantEnds = now.plusSeconds(45);
        long graceSeconds = Duration.between(shortBookingEnd, shortGrantEnds).toSeconds();

        BookingModule booking = new BookingModule(clock);
        edge = new EdgeModule(new BookingPublishAuthorizer(booking.grantCheck()));
        platform = Platform.start(TestNode.config(dataDir)
                .with(EdgeKeys.RTMP_PORT, 0)
                .with(EdgeKeys.HLS_ENABLED, false)
                .with(EdgeKeys.RECORD_ENABLED, false)
                .with(EdgeKeys.THUMBNAIL_INTERVAL, "0s")
                .with(BookingKeys.GRANT_GRACE, graceSeconds + "s"), false, List.of(booking, edge));
        admin = platform.auth().tokens().issue("admin", "Operator", EnumSet.of(Role.ADMIN));
        JsonObject allDay = new JsonObject().put("open", "00:00").put("close", "24:00");
        JsonObject hours = new JsonObject();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            hours.put(day, allDay);
        }
        studio = post("/api/studios", new JsonObject().put("name", "Studio A").put("timeZone", "UTC")
                .put("hours", hours).put("slotMinutes", 5).put("minMinutes", 5).put("bufferMinutes", 0)).getString("id");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static JsonObject post(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return new JsonObject(response.body());
    }

    static String base() {
        return "http://127.0.0.1:" + platform.httpPort();
    }

    /** Books [start, end) for a merchant (as admin, with override) and returns the booking reply. */
    static JsonObject book(Instant start, Instant end, String title) throws Exception {
        return post("/api/studios/" + studio + "/bookings", new JsonObject()
                .put("start", start.toString()).put("end", end.toString()).put("title", title)
                .put("merchant", "merchant-pema").put("override", true));
    }

    static String url(JsonObject booked) {
        String room = booked.getJsonObject("session").getString("room");
        return "rtmp://127.0.0.1:" + edge.rtmpPort() + "/live/" + room + "?key=" + booked.getString("streamKey");
    }

    static boolean live(String room) throws Exception {
        JsonArray streams = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/streams")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).getJsonArray("streams");
        return streams.stream().map(JsonObject.class::cast)
                .anyMatch(s -> s.getString("id").equals(room) && s.getBoolean("publishing", false));
    }

    static Instant nextMark(Duration ahead) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.now().plus(ahead), ZoneOffset.UTC);
        return t.truncatedTo(ChronoUnit.HOURS).plusMinutes((t.getMinute() / 5 + 1) * 5L).toInstant();
    }

    @Test
    @DisplayName("a booking's key is refused before its window opens")
    void refusedBeforeWindow() throws Exception {
        Instant start = nextMark(Duration.ofHours(3));
        JsonObject booked = book(start, start.plus(Duration.ofMinutes(30)), "Tomorrow's plums");
        RtmpTestPublisher.Outcome outcome = RtmpTestPublisher.publish(url(booked), 100, Duration.ofSeconds(20));
        assertThat(outcome.refusedAtOnce()).as("publish outcome %s", outcome).isTrue();
        assertThat(live(booked.getJsonObject("session").getString("room"))).isFalse();
    }

    @Test
    @DisplayName("inside the window the key publishes, and a wrong key for the same stream is refused")
    void acceptedInsideWindow() throws Exception {
        Instant start = nextMark(Duration.ZERO); // within 5 minutes; the key works 15 minutes ahead
        JsonObject booked = book(start, start.plus(Duration.ofMinutes(30)), "Honey tasting");
        String room = booked.getJsonObject("session").getString("room");
        String wrong = url(booked).replaceAll("key=.*", "key=not-the-key");
        assertThat(RtmpTestPublisher.publish(wrong, 100, Duration.ofSeconds(20)).refusedAtOnce()).isTrue();

        CompletableFuture<RtmpTestPublisher.Outcome> publishing =
                CompletableFuture.supplyAsync(() -> RtmpTestPublisher.publish(url(booked), 125, Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(20)).until(() -> live(room));
        RtmpTestPublisher.Outcome outcome = publishing.get();
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.framesWritten()).isEqualTo(125);
    }

    @Test
    @DisplayName("when the window closes the edge ends the live publish")
    void endedAfterWindow() throws Exception {
        // Booking rules refuse slots in the past: book while the booking clock is an hour behind.
        clock.set(Duration.ofHours(-1));
        JsonObject booked;
        try {
            booked = book(shortBookingEnd.minus(Duration.ofMinutes(5)), shortBookingEnd, "Closing soon");
        } finally {
            clock.set(Duration.ZERO);
        }
        String room = booked.getJsonObject("session").getString("room");
        long secondsLeft = Duration.between(Instant.now(), shortGrantEnds).toSeconds();
        assertThat(secondsLeft).as("the grant still has time left when the test publishes").isGreaterThan(5);

        CompletableFuture<RtmpTestPublisher.Outcome> publishing = CompletableFuture.supplyAsync(
                () -> RtmpTestPublisher.publish(url(booked), 10_000, Duration.ofSeconds(secondsLeft + 60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> live(room));
        RtmpTestPublisher.Outcome outcome = publishing.get();
        assertThat(outcome.failure()).as("the server ended the publish").isNotNull();
        assertThat(Instant.now()).isAfterOrEqualTo(shortGrantEnds.minusSeconds(1));
        await().atMost(Duration.ofSeconds(40)).until(() -> !live(room));
    }
}
