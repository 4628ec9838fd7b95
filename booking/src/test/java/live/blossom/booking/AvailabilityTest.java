package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvailabilityTest {

    @TempDir
    static Path dir;
    static BookingNode node;
    static String merchant;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, Instant.parse("2025-03-01T00:00:00Z"));
        merchant = node.token("m-carol", "Carol's Cookies", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonObject span(String start, String end) {
        return new JsonObject().put("start", start).put("end", end);
    }

    @Test
    @DisplayName("Asia/Shanghai (no DST): free time is opening hours minus bookings and their buffer, on the grid; closed days are busy-free and free-free")
    void shanghai() {
        JsonObject weekdays = new JsonObject();
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday"}) {
            weekdays.put(day, new JsonObject().put("open", "09:00").put("close", "18:00"));
        }
        String studio = node.studio("Studio B", "Asia/Shanghai", weekdays, 30, 60, 240, 15);
        // Friday 14 March 2025, then a closed weekend.
        node.booked(studio, merchant, "2025-03-14T11:00+08:00", "2025-03-14T12:00+08:00");

        JsonObject availability = node.availability(studio, "2025-03-14T00:00+08:00", "2025-03-17T00:00+08:00");

        assertThat(availability.getString("timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(availability.getInteger("bufferMinutes")).isEqualTo(15);
        assertThat(availability.getJsonArray("busy")).isEqualTo(new JsonArray()
                .add(span("2025-03-14T11:00:00+08:00", "2025-03-14T12:00:00+08:00")));
        // 10:45 is the buffer's edge, floored to the grid: 10:30; 12:15 ceiled: 12:30.
        assertThat(availability.getJsonArray("free")).isEqualTo(new JsonArray()
                .add(span("2025-03-14T09:00:00+08:00", "2025-03-14T10:30:00+08:00"))
                .add(span("2025-03-14T12:30:00+08:00", "2025-03-14T18:00:00+08:00")));
        // Asked in another offset, the answer is the same instants in the studio's zone.
        JsonObject fromUtc = node.availability(studio, "2025-03-13T16:00Z", "2025-03-16T16:00Z");
        assertThat(fromUtc.getJsonArray("free")).isEqualTo(availability.getJsonArray("free"));
    }

    @Test
    @DisplayName("Europe/Berlin across the March switch: the short night has five real hours, offsets change mid-night, buffer and grid hold")
    void berlinSpring() {
        String studio = node.studio("Night owl", "Europe/Berlin", BookingNode.everyDay("00:00", "06:00"), 30, 60, 240, 15);
        // 01:00 CET to 03:30 CEST on 30 March 2025 is 90 real minutes.
        JsonObject booked = node.booked(studio, merchant, "2025-03-30T01:00+01:00", "2025-03-30T03:30+02:00");
        assertThat(booked.getJsonObject("booking").getString("end")).isEqualTo("2025-03-30T03:30:00+02:00");

        JsonObject availability = node.availability(studio, "2025-03-29T00:00+01:00", "2025-03-31T00:00+02:00");

        assertThat(availability.getJsonArray("busy")).isEqualTo(new JsonArray()
                .add(span("2025-03-30T01:00:00+01:00", "2025-03-30T03:30:00+02:00")));
        // Before the booking only 00:00-00:30 would be left (shorter than the 60-minute minimum).
        assertThat(availability.getJsonArray("free")).isEqualTo(new JsonArray()
                .add(span("2025-03-29T00:00:00+01:00", "2025-03-29T06:00:00+01:00"))
                .add(span("2025-03-30T04:00:00+02:00", "2025-03-30T06:00:00+02:00")));
    }

    @Test
    @DisplayName("Europe/Berlin across the October switch: the long night has seven real hours and 02:30 exists twice")
    void berlinAutumn() {
        String studio = node.studio("Night owl 2", "Europe/Berlin", BookingNode.everyDay("00:00", "06:00"), 30, 60, 240, 15);
        node.clock.set(Instant.parse("2025-10-01T00:00:00Z"));
        try {
            // From the first 01:30 (CEST) to the second 02:30 (CET): two real hours.
            node.booked(studio, merchant, "2025-10-26T01:30+02:00", "2025-10-26T02:30+01:00");
            JsonObject availability = node.availability(studio, "2025-10-26T00:00+02:00", "2025-10-27T00:00+01:00");
            assertThat(availability.getJsonArray("free")).isEqualTo(new JsonArray()
                    .add(span("2025-10-26T00:00:00+02:00", "2025-10-26T01:00:00+02:00"))
                    .add(span("2025-10-26T03:00:00+01:00", "2025-10-26T06:00:00+01:00")));
            // Back to back across the switch is refused: the buffer counts in real time.
            assertThat(node.book(studio, merchant, "2025-10-26T02:30+01:00", "2025-10-26T04:00+01:00").statusCode())
                    .isEqualTo(409);
        } finally {
            node.clock.set(Instant.parse("2025-03-01T00:00:00Z"));
        }
    }

    @Test
    @DisplayName("cancelling a booking gives its time back in the availability answer")
    void cancelRestoresAvailability() {
        String studio = node.studio("Studio C", "Asia/Shanghai", BookingNode.everyDay("09:00", "12:00"), 30, 60, 240, 15);
        JsonObject before = node.availability(studio, "2025-03-20T00:00+08:00", "2025-03-21T00:00+08:00");
        JsonObject booked = node.booked(studio, merchant, "2025-03-20T10:00+08:00", "2025-03-20T11:00+08:00");
        assertThat(node.availability(studio, "2025-03-20T00:00+08:00", "2025-03-21T00:00+08:00").getJsonArray("free"))
                .isEqualTo(new JsonArray());
        node.post("/api/bookings/" + booked.getJsonObject("booking").getString("id") + "/cancel", merchant, "{}");
        assertThat(node.availability(studio, "2025-03-20T00:00+08:00", "2025-03-21T00:00+08:00")).isEqualTo(before);
        assertThat(before.getJsonArray("free")).isEqualTo(new JsonArray()
                .add(span("2025-03-20T09:00:00+08:00", "2025-03-20T12:00:00+08:00")));
    }

    @Test
    @DisplayName("time already past is not offered")
    void pastIsNotFree() {
        String studio = node.studio("Studio D", "Asia/Shanghai", BookingNode.everyDay("09:00", "21:00"), 30, 60, 240, 15);
        node.clock.set(Instant.parse("2025-03-05T04:10:00Z")); // 12:10 in Shanghai
        try {
            JsonObject availability = node.availability(studio, "2025-03-05T00:00+08:00", "2025-03-06T00:00+08:00");
            assertThat(availability.getJsonArray("free")).isEqualTo(new JsonArray()
                    .add(span("2025-03-05T12:30:00+08:00", "2025-03-05T21:00:00+08:00")));
        } finally {
            node.clock.set(Instant.parse("2025-03-01T00:00:00Z"));
        }
    }
}
