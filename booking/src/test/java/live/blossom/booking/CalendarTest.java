package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import live.blossom.platform.auth.Role;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calendar feeds at secret URLs, read back with ical4j as a calendar app would. */
class CalendarTest {

    @TempDir
    static Path dir;
    static BookingNode node;
    static String studio;
    static String merchant;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, Instant.parse("2025-03-01T00:00:00Z"));
        studio = node.studio("Studio Cal", "Europe/Berlin", BookingNode.everyDay("08:00", "20:00"), 30, 60, 240, 15);
        merchant = node.token("m-tsering", "Tsering's Incense", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** The feed's events as uid -> [summary, start, end, location], parsed by ical4j. */
    private static Map<String, List<Object>> events(String path) throws Exception {
        HttpResponse<String> feed = node.get(path, null);
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/calendar"));
        // RFC 5545: CRLF line ends, lines folded at 75 octets.
        assertThat(feed.body()).contains("\r\n");
        assertThat(feed.body().split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        calendar.validate();
        Map<String, List<Object>> events = new TreeMap<>();
        for (VEvent event : calendar.<VEvent>getComponents("VEVENT")) {
            events.put(value(event, Property.UID), List.of(value(event, Property.SUMMARY),
                    Instant.from(event.<Temporal>getStartDate().orElseThrow().getDate()),
                    Instant.from(event.<Temporal>getEndDate().orElseThrow().getDate()), value(event, Property.LOCATION)));
        }
        return events;
    }

    private static String value(VEvent event, String property) {
        return event.<Property>getProperty(property).orElseThrow().getValue();
    }

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    @Test
    @DisplayName("a merchant's feed holds their booked and remote sessions (not cancelled ones) with the same times and titles")
    void merchantFeed() throws Exception {
        JsonObject first = node.booked(studio, merchant, "2025-03-30T10:00+02:00", "2025-03-30T12:00+02:00");
        JsonObject dropped = node.booked(studio, merchant, "2025-03-31T10:00+02:00", "2025-03-31T11:00+02:00");
        node.post("/api/bookings/" + dropped.getJsonObject("booking").getString("id") + "/cancel", merchant, "{}");
        HttpResponse<String> remote = node.post("/api/sessions/remote", merchant, new JsonObject()
                .put("title", "Incense from the monastery workshop").put("start", "2025-03-29T20:00+01:00")
                .put("end", "2025-03-29T21:00+01:00").put("timeZone", "Europe/Berlin").encode());
        String remoteRoom = BookingNode.json(remote).getJsonObject("session").getString("room");

        HttpResponse<String> url = node.get("/api/calendar/merchant", merchant);
        assertThat(url.statusCode()).as(url.body()).isEqualTo(200);
        String path = BookingNode.json(url).getString("path");
        assertThat(path).matches("/api/calendar/[0-9a-f]{32}\\.ics");
        assertThat(BookingNode.json(node.get("/api/calendar/merchant", merchant)).getString("path")).isEqualTo(path);

        String room = first.getJsonObject("booking").getString("room");
        assertThat(events(path)).isEqualTo(Map.of(
                room + "@blossom.live", List.of("Yak milk morning show", at("2025-03-30T10:00+02:00"),
                        at("2025-03-30T12:00+02:00"), "Studio Cal"),
                remoteRoom + "@blossom.live", List.of("Incense from the monastery workshop", at("2025-03-29T20:00+01:00"),
                        at("2025-03-29T21:00+01:00"), "Remote")));

        // A leaked URL is replaced: the old one stops working.
        String rotated = BookingNode.json(node.post("/api/calendar/merchant/rotate", merchant, "{}")).getString("path");
        assertThat(rotated).isNotEqualTo(path);
        HttpResponse<String> old = node.get(path, null);
        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(BookingNode.json(old).getString("error")).isEqualTo("no_such_calendar");
        assertThat(events(rotated)).hasSize(2);
    }

    @Test
    @DisplayName("a studio's feed, for admins, holds its active bookings with the merchant's name")
    void studioFeed() throws Exception {
        String other = node.studio("Studio Cal 2", "Asia/Shanghai", BookingNode.everyDay("08:00", "20:00"), 30, 60, 240, 15);
        String lhamo = node.token("m-lhamo", "Lhamo's Barley", Role.MERCHANT);
        JsonObject booked = node.booked(other, lhamo, "2025-04-02T09:00+08:00", "2025-04-02T10:30+08:00");
        assertThat(node.get("/api/studios/" + other + "/calendar", lhamo).statusCode()).isEqualTo(403);
        String path = BookingNode.json(node.get("/api/studios/" + other + "/calendar", node.admin)).getString("path");

        assertThat(events(path)).isEqualTo(Map.of(booked.getJsonObject("booking").getString("id") + "@blossom.live",
                List.of("Yak milk morning show (Lhamo's Barley)", at("2025-04-02T09:00+08:00"),
                        at("2025-04-02T10:30+08:00"), "Studio Cal 2")));
        assertThat(node.get("/api/calendar/00000000000000000000000000000000.ics", null).statusCode()).isEqualTo(404);
        assertThat(node.get("/api/calendar/not-a-token.ics", null).statusCode()).isEqualTo(404);
    }
}
