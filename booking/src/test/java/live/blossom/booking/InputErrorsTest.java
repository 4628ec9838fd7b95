package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear JSON error and leaves Redis exactly as it was. */
class InputErrorsTest {

    @TempDir
    static Path dir;
    static BookingNode node;
    static String studio;
    static String merchant;
    static String bookingId;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, Instant.parse("2025-03-01T00:00:00Z"));
        studio = node.studio("Studio E", "Asia/Shanghai", BookingNode.everyDay("09:00", "21:00"), 30, 60, 240, 15);
        merchant = node.token("m-err", "Careful Merchant", Role.MERCHANT);
        bookingId = node.booked(studio, merchant, "2025-03-10T10:00+08:00", "2025-03-10T11:00+08:00")
                .getJsonObject("booking").getString("id");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonObject error = BookingNode.json(response);
        assertThat(error.getString("error")).isEqualTo(code);
        assertThat(error.getString("message")).isNotBlank();
    }

    private static HttpResponse<String> book(String token, String body) {
        return node.post("/api/studios/" + studio + "/bookings", token, body);
    }

    private static String slot(String start, String end) {
        return BookingNode.bookingBody(start, end, "Test show");
    }

    @Test
    @DisplayName("bookings with end before start, off-grid or offset-less times, outside hours, too short or in the past are refused and change nothing")
    void badSlots() {
        Map<String, Object> before = node.snapshot();
        assertError(book(merchant, slot("2025-03-11T12:00+08:00", "2025-03-11T11:00+08:00")), 400, "invalid_interval");
        assertError(book(merchant, slot("2025-03-11T12:00+08:00", "2025-03-11T12:00+08:00")), 400, "invalid_interval");
        assertError(book(merchant, slot("2025-03-11T10:15+08:00", "2025-03-11T11:15+08:00")), 400, "off_grid");
        assertError(book(merchant, slot("2025-03-11T10:00:30+08:00", "2025-03-11T11:00+08:00")), 400, "off_grid");
        assertError(book(merchant, slot("2025-03-11T10:00", "2025-03-11T11:00")), 400, "invalid_time");
        assertError(book(merchant, slot("tomorrow", "2025-03-11T11:00+08:00")), 400, "invalid_time");
        assertError(book(merchant, slot("2025-03-11T07:00+08:00", "2025-03-11T08:00+08:00")), 422, "outside_hours");
        assertError(book(merchant, slot("2025-03-11T20:30+08:00", "2025-03-11T21:30+08:00")), 422, "outside_hours");
        assertError(book(merchant, slot("2025-03-11T10:00+08:00", "2025-03-11T10:30+08:00")), 422, "too_short");
        assertError(book(merchant, slot("2025-03-11T09:00+08:00", "2025-03-11T14:00+08:00")), 422, "too_long");
        assertError(book(merchant, slot("2025-02-20T10:00+08:00", "2025-02-20T11:00+08:00")), 422, "in_the_past");
        assertError(book(merchant, slot("2026-03-11T10:00+08:00", "2026-03-11T11:00+08:00")), 422, "too_far_ahead");
        assertThat(node.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("malformed JSON, missing or mistyped fields, unknown studios, wrong roles and overrides by merchants are refused and change nothing")
    void badRequests() {
        Map<String, Object> before = node.snapshot();
        assertError(book(merchant, "{\"start\":"), 400, "malformed_json");
        assertError(book(merchant, "[1,2]"), 400, "malformed_json");
        assertError(book(merchant, ""), 400, "missing_body");
        assertError(book(merchant, "{\"start\":\"2025-03-11T10:00+08:00\",\"end\":\"2025-03-11T11:00+08:00\"}"), 400, "missing_field");
        assertError(book(merchant, "{\"start\":1,\"end\":\"2025-03-11T11:00+08:00\",\"title\":\"x\"}"), 400, "invalid_field");
        assertError(book(merchant, new JsonObject().put("start", "2025-03-11T10:00+08:00").put("end", "2025-03-11T11:00+08:00")
                .put("title", "x".repeat(121)).encode()), 400, "invalid_field");
        assertError(book(merchant, "{\"note\":\"" + "x".repeat(40_000) + "\"}"), 413, "payload_too_large");
        assertError(node.post("/api/studios/s000000000000/bookings", merchant, slot("2025-03-11T10:00+08:00",
                "2025-03-11T11:00+08:00")), 404, "no_such_studio");
        assertError(node.post("/api/studios/NOT-AN-ID/bookings", merchant, slot("2025-03-11T10:00+08:00",
                "2025-03-11T11:00+08:00")), 404, "no_such_studio");
        assertError(book(null, slot("2025-03-11T10:00+08:00", "2025-03-11T11:00+08:00")), 401, "unauthorized");
        assertError(book("forged.token.value", slot("2025-03-11T10:00+08:00", "2025-03-11T11:00+08:00")), 401, "unauthorized");
        String viewer = node.token("v-1", "Viewer", Role.VIEWER);
        assertError(book(viewer, slot("2025-03-11T10:00+08:00", "2025-03-11T11:00+08:00")), 403, "forbidden");
        assertError(book(merchant, new JsonObject().put("start", "2025-03-11T10:00+08:00").put("end", "2025-03-11T11:00+08:00")
                .put("title", "x").put("override", true).encode()), 403, "forbidden");
        assertError(book(merchant, new JsonObject().put("start", "2025-03-11T10:00+08:00").put("end", "2025-03-11T11:00+08:00")
                .put("title", "x").put("merchant", "m-someone-else").encode()), 403, "forbidden");
        assertError(node.post("/api/bookings/b000000000000/cancel", merchant, "{}"), 404, "no_such_booking");
        assertError(node.post("/api/bookings/" + bookingId + "/reschedule", merchant,
                slot("2025-03-11T10:15+08:00", "2025-03-11T11:15+08:00")), 400, "off_grid");
        assertError(node.post("/api/bookings/" + bookingId + "/reschedule", merchant, "{\"start\":"), 400, "malformed_json");
        assertError(node.post("/api/bookings/" + bookingId + "/reschedule", node.token("m-x", "X", Role.MERCHANT),
                slot("2025-03-11T10:00+08:00", "2025-03-11T11:00+08:00")), 403, "forbidden");
        assertError(node.post("/api/sessions/remote", merchant, new JsonObject().put("title", "t")
                .put("start", "2025-03-11T10:00+08:00").put("end", "2025-03-12T10:00+08:00").encode()), 422, "too_long");
        assertError(node.post("/api/sessions/remote", merchant, new JsonObject().put("title", "t")
                .put("start", "2025-03-11T10:00+08:00").put("end", "2025-03-11T11:00+08:00").put("timeZone", "Mars/Olympus")
                .encode()), 400, "invalid_field");
        assertError(node.post("/api/sessions/no-such-room/key", merchant, "{}"), 404, "no_such_session");
        assertThat(node.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("studios with bad zones, hours or grids, or sent by a merchant, are refused and change nothing")
    void badStudios() {
        Map<String, Object> before = node.snapshot();
        JsonObject good = new JsonObject().put("name", "Studio F").put("timeZone", "Asia/Shanghai")
                .put("hours", BookingNode.everyDay("09:00", "21:00"));
        assertError(node.post("/api/studios", merchant, good.encode()), 403, "forbidden");
        assertError(node.post("/api/studios", node.admin, good.copy().put("timeZone", "Asia/Atlantis").encode()), 400, "invalid_field");
        assertError(node.post("/api/studios", node.admin, good.copy().put("hours", new JsonObject()
                .put("funday", new JsonObject().put("open", "09:00").put("close", "10:00"))).encode()), 400, "invalid_field");
        assertError(node.post("/api/studios", node.admin, good.copy().put("hours", BookingNode.everyDay("21:00", "09:00"))
                .encode()), 400, "invalid_field");
        assertError(node.post("/api/studios", node.admin, good.copy().put("hours", BookingNode.everyDay("09:15", "21:00"))
                .encode()), 400, "invalid_field");
        assertError(node.post("/api/studios", node.admin, good.copy().put("slotMinutes", 7).encode()), 400, "invalid_field");
        assertError(node.post("/api/studios", node.admin, good.copy().put("equipment", "camera").encode()), 400, "invalid_field");
        assertError(node.put("/api/studios/s000000000000", node.admin, good.encode()), 404, "no_such_studio");
        assertThat(node.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("availability needs a from and a to with offsets, in order and at most 31 days apart")
    void badAvailability() {
        String base = "/api/studios/" + studio + "/availability";
        assertError(node.get(base, null), 400, "missing_field");
        assertError(node.get(base + "?from=" + BookingNode.enc("2025-03-11T00:00+08:00") + "&to=" + BookingNode.enc("2025-03-10T00:00+08:00"), null),
                400, "invalid_interval");
        assertError(node.get(base + "?from=2025-03-10&to=2025-03-11", null), 400, "invalid_time");
        assertError(node.get(base + "?from=" + BookingNode.enc("2025-03-01T00:00+08:00") + "&to=" + BookingNode.enc("2025-05-01T00:00+08:00"), null),
                400, "window_too_long");
        assertError(node.get("/api/studios/s000000000000/availability?from=" + BookingNode.enc("2025-03-10T00:00+08:00")
                + "&to=" + BookingNode.enc("2025-03-11T00:00+08:00"), null), 404, "no_such_studio");
    }
}
