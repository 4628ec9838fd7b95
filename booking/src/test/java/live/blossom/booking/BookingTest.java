package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Booking a Shanghai studio open 09:00-21:00 daily, 30-minute grid, 1-4 hours, 15 minutes changeover. */
class BookingTest {

    @TempDir
    static Path dir;
    static BookingNode node;
    static String studio;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, Instant.parse("2025-03-01T00:00:00Z"));
        studio = node.studio("Studio A", "Asia/Shanghai", BookingNode.everyDay("09:00", "21:00"), 30, 60, 240, 15);
        alice = node.token("m-alice", "Alice's Honey", Role.MERCHANT);
        bob = node.token("m-bob", "Bob's Plums", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void assertTaken(HttpResponse<String> response, String start, String end) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        JsonObject body = BookingNode.json(response);
        assertThat(body.getString("error")).isEqualTo("slot_taken");
        assertThat(body.getString("message")).contains("changeover");
        assertThat(body.getJsonObject("conflict")).isEqualTo(new JsonObject().put("start", start).put("end", end));
    }

    @Test
    @DisplayName("64 merchants asking at once for overlapping slots of one studio: exactly one gets it, the others get 409 naming it")
    void concurrentBookings() throws Exception {
        String[] starts = {"10:00", "10:30", "11:00", "11:30", "12:00", "12:30"};
        String[] ends = {"13:30", "14:00"};
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String token = node.token("m-rush-" + i, "Rush " + i, Role.MERCHANT);
            String start = "2025-03-10T" + starts[i % starts.length] + "+08:00";
            String end = "2025-03-10T" + ends[i % ends.length] + "+08:00";
            replies.add(node.postAsync("/api/studios/" + studio + "/bookings", token,
                    BookingNode.bookingBody(start, end, "Rush hour " + i)));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<HttpResponse<String>> won = replies.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 201).toList();
        List<HttpResponse<String>> lost = replies.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 201).toList();
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(63);
        JsonObject winner = BookingNode.json(won.get(0)).getJsonObject("booking");
        for (HttpResponse<String> loser : lost) {
            assertTaken(loser, winner.getString("start"), winner.getString("end"));
        }
        long dayStart = Instant.parse("2025-03-10T00:00:00+08:00").toEpochMilli();
        assertThat(node.redis().zcount(BookingKeyspace.slots(studio),
                Range.create(dayStart, dayStart + 86_400_000L))).isEqualTo(1);
        JsonObject availability = node.availability(studio, "2025-03-10T00:00+08:00", "2025-03-11T00:00+08:00");
        assertThat(availability.getJsonArray("busy")).hasSize(1);
        // Operators see the refusals on /metrics.
        String metrics = node.get("/metrics", null).body();
        assertThat(metrics).containsPattern("blossom_booking_slot_taken_total(\\{[^}]*\\})? [0-9.]+");
        double refusedCount = metrics.lines().filter(l -> l.startsWith("blossom_booking_slot_taken_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(refusedCount).isGreaterThanOrEqualTo(63);
    }

    @Test
    @DisplayName("adjacent bookings keep the changeover buffer: back-to-back is refused, one slot later is fine")
    void bufferBetweenBookings() {
        node.booked(studio, alice, "2025-03-11T15:00+08:00", "2025-03-11T16:00+08:00");

        assertTaken(node.book(studio, bob, "2025-03-11T16:00+08:00", "2025-03-11T17:00+08:00"),
                "2025-03-11T15:00:00+08:00", "2025-03-11T16:00:00+08:00");
        assertTaken(node.book(studio, bob, "2025-03-11T14:00+08:00", "2025-03-11T15:00+08:00"),
                "2025-03-11T15:00:00+08:00", "2025-03-11T16:00:00+08:00");
        assertThat(node.book(studio, bob, "2025-03-11T16:30+08:00", "2025-03-11T17:30+08:00").statusCode()).isEqualTo(201);
        assertThat(node.book(studio, bob, "2025-03-11T13:30+08:00", "2025-03-11T14:30+08:00").statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("cancelling frees the slot for someone else; a cancellation inside the notice period is recorded as late")
    void cancelFreesTheSlot() {
        JsonObject mine = node.booked(studio, alice, "2025-03-12T10:00+08:00", "2025-03-12T12:00+08:00");
        String id = mine.getJsonObject("booking").getString("id");
        assertThat(node.book(studio, bob, "2025-03-12T11:00+08:00", "2025-03-12T12:00+08:00").statusCode()).isEqualTo(409);

        HttpResponse<String> notYours = node.post("/api/bookings/" + id + "/cancel", bob, "{}");
        assertThat(notYours.statusCode()).isEqualTo(403);

        HttpResponse<String> cancelled = node.post("/api/bookings/" + id + "/cancel", alice, "{}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(BookingNode.json(cancelled).getString("status")).isEqualTo("cancelled");
        assertThat(BookingNode.json(cancelled).getBoolean("late")).isFalse();
        assertThat(node.book(studio, bob, "2025-03-12T11:00+08:00", "2025-03-12T12:00+08:00").statusCode()).isEqualTo(201);
        assertThat(node.post("/api/bookings/" + id + "/cancel", alice, "{}").statusCode()).isEqualTo(409);

        // Tomorrow morning is well inside the 72-hour notice.
        JsonObject soon = node.booked(studio, alice, "2025-03-02T10:00+08:00", "2025-03-02T11:00+08:00");
        HttpResponse<String> late = node.post("/api/bookings/" + soon.getJsonObject("booking").getString("id") + "/cancel",
                alice, "{}");
        assertThat(BookingNode.json(late).getBoolean("late")).isTrue();
        HttpResponse<String> session = node.get("/api/sessions/" + soon.getJsonObject("booking").getString("room"), null);
        assertThat(BookingNode.json(session).getString("state")).isEqualTo("cancelled");
    }

    @Test
    @DisplayName("a reschedule onto a taken slot fails with 409 and leaves the old booking exactly as it was; onto a free one it moves")
    void rescheduleKeepsTheOldSlot() {
        JsonObject mine = node.booked(studio, alice, "2025-03-13T10:00+08:00", "2025-03-13T11:00+08:00");
        String id = mine.getJsonObject("booking").getString("id");
        node.booked(studio, bob, "2025-03-13T14:00+08:00", "2025-03-13T15:00+08:00");
        Map<String, Object> before = node.snapshot();

        HttpResponse<String> refused = node.post("/api/bookings/" + id + "/reschedule", alice,
                new JsonObject().put("start", "2025-03-13T14:30+08:00").put("end", "2025-03-13T15:30+08:00").encode());
        assertTaken(refused, "2025-03-13T14:00:00+08:00", "2025-03-13T15:00:00+08:00");
        assertThat(node.snapshot()).isEqualTo(before);
        JsonObject still = BookingNode.json(node.get("/api/bookings/" + id, alice));
        assertThat(still.getString("start")).isEqualTo("2025-03-13T10:00:00+08:00");
        assertThat(still.getString("status")).isEqualTo("active");

        HttpResponse<String> moved = node.post("/api/bookings/" + id + "/reschedule", alice,
                new JsonObject().put("start", "2025-03-13T16:00+08:00").put("end", "2025-03-13T17:00+08:00").encode());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(BookingNode.json(moved).getString("start")).isEqualTo("2025-03-13T16:00:00+08:00");
        // The old slot is free again, and the session (same room) moved along.
        assertThat(node.book(studio, bob, "2025-03-13T10:00+08:00", "2025-03-13T11:00+08:00").statusCode()).isEqualTo(201);
        JsonObject session = BookingNode.json(node.get("/api/sessions/" + still.getString("room"), null));
        assertThat(session.getString("start")).isEqualTo("2025-03-13T16:00:00+08:00");
        assertThat(session.getJsonObject("streamKeyValid").getString("from")).isEqualTo("2025-03-13T15:45:00+08:00");
    }

    @Test
    @DisplayName("an admin override takes a slot: the booking in the way is displaced and its session cancelled")
    void adminOverride() {
        JsonObject bobs = node.booked(studio, bob, "2025-03-14T14:00+08:00", "2025-03-14T15:00+08:00");
        HttpResponse<String> refused = node.post("/api/studios/" + studio + "/bookings", alice,
                new JsonObject().put("start", "2025-03-14T14:00+08:00").put("end", "2025-03-14T15:00+08:00")
                        .put("title", "Mine now").put("override", true).encode());
        assertThat(refused.statusCode()).isEqualTo(403);

        HttpResponse<String> taken = node.post("/api/studios/" + studio + "/bookings", node.admin,
                new JsonObject().put("start", "2025-03-14T14:30+08:00").put("end", "2025-03-14T16:00+08:00")
                        .put("title", "Base open day").put("override", true).encode());
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        String bobsId = bobs.getJsonObject("booking").getString("id");
        assertThat(BookingNode.json(taken).getJsonArray("displaced").getList()).containsExactly(bobsId);
        JsonObject displaced = BookingNode.json(node.get("/api/bookings/" + bobsId, bob));
        assertThat(displaced.getString("status")).isEqualTo("displaced");
        assertThat(BookingNode.json(node.get("/api/sessions/" + displaced.getString("room"), null)).getString("state"))
                .isEqualTo("cancelled");
    }

    @Test
    @DisplayName("merchants list their own bookings, admins list a studio's")
    void lists() {
        node.booked(studio, alice, "2025-03-15T09:00+08:00", "2025-03-15T10:00+08:00");
        // An admin books for Alice: it is hers, in her list, under her name.
        HttpResponse<String> forAlice = node.post("/api/studios/" + studio + "/bookings", node.admin, new JsonObject()
                .put("start", "2025-03-15T11:00+08:00").put("end", "2025-03-15T12:00+08:00").put("title", "Honey tasting")
                .put("merchant", "m-alice").put("merchantName", "Alice's Honey").encode());
        assertThat(forAlice.statusCode()).as(forAlice.body()).isEqualTo(201);
        assertThat(BookingNode.json(forAlice).getJsonObject("session").getString("merchantName")).isEqualTo("Alice's Honey");
        HttpResponse<String> mine = node.get("/api/bookings", alice);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(BookingNode.json(mine).getJsonArray("bookings").stream().map(b -> ((JsonObject) b).getString("merchant")))
                .isNotEmpty().containsOnly("m-alice");
        assertThat(BookingNode.json(mine).getJsonArray("bookings").stream().map(b -> ((JsonObject) b).getString("title")))
                .contains("Honey tasting");
        assertThat(node.get("/api/studios/" + studio + "/bookings", alice).statusCode()).isEqualTo(403);
        HttpResponse<String> all = node.get("/api/studios/" + studio + "/bookings?from=" + BookingNode.enc("2025-03-15T00:00+08:00")
                + "&to=" + BookingNode.enc("2025-03-16T00:00+08:00"), node.admin);
        assertThat(BookingNode.json(all).getJsonArray("bookings")).hasSize(2);
        assertThat(node.get("/api/bookings?merchant=m-alice", bob).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("a booking can grow into its own time and move to another studio, keeping its room and stream key")
    void rescheduleOntoItselfAndElsewhere() throws Exception {
        JsonObject mine = node.booked(studio, alice, "2025-03-16T10:00+08:00", "2025-03-16T11:00+08:00");
        String id = mine.getJsonObject("booking").getString("id");
        HttpResponse<String> longer = node.post("/api/bookings/" + id + "/reschedule", alice,
                new JsonObject().put("start", "2025-03-16T10:00+08:00").put("end", "2025-03-16T12:00+08:00").encode());
        assertThat(longer.statusCode()).as(longer.body()).isEqualTo(200);
        assertThat(BookingNode.json(longer).getString("end")).isEqualTo("2025-03-16T12:00:00+08:00");

        String other = node.studio("Studio A2", "Asia/Shanghai", BookingNode.everyDay("09:00", "21:00"), 30, 60, 240, 15);
        HttpResponse<String> moved = node.post("/api/bookings/" + id + "/reschedule", alice, new JsonObject()
                .put("studio", other).put("start", "2025-03-16T10:00+08:00").put("end", "2025-03-16T12:00+08:00").encode());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(BookingNode.json(moved).getString("studio")).isEqualTo(other);
        assertThat(node.book(studio, bob, "2025-03-16T10:00+08:00", "2025-03-16T12:00+08:00").statusCode()).isEqualTo(201);
        assertThat(node.book(other, bob, "2025-03-16T10:00+08:00", "2025-03-16T12:00+08:00").statusCode()).isEqualTo(409);

        String room = mine.getJsonObject("booking").getString("room");
        JsonObject session = BookingNode.json(node.get("/api/sessions/" + room, null));
        assertThat(session.getString("studio")).isEqualTo(other);
        node.clock.set(Instant.parse("2025-03-16T02:00:00Z"));
        try {
            assertThat(node.module.grantCheck().check(room, mine.getString("streamKey")).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).room()).isEqualTo(room);
        } finally {
            node.clock.set(Instant.parse("2025-03-01T00:00:00Z"));
        }
    }
}
