package live.blossom.booking.reservation;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import live.blossom.booking.http.Times;
import live.blossom.booking.slot.Interval;

/**
 * A merchant's hold on a studio for [start, end). Status: {@code active}, {@code cancelled} (by the
 * merchant or an admin; {@code late} when inside the cancellation notice) or {@code displaced} (by an
 * admin override).
 */
public record Booking(String id, String studio, String merchant, String merchantName, Interval slot, ZoneId zone,
                      String status, String room, String title, boolean late, String displacedBy) {

    public boolean active() {
        return status.equals("active");
    }

    /** Reads the booking hash; null for an empty one (no such booking). */
    public static Booking fromHash(Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        return new Booking(hash.get("id"), hash.get("studio"), hash.get("merchant"), hash.get("merchantName"),
                new Interval(Instant.ofEpochMilli(Long.parseLong(hash.get("start"))),
                        Instant.ofEpochMilli(Long.parseLong(hash.get("end")))),
                ZoneId.of(hash.get("zone")), hash.get("status"), hash.get("room"), hash.get("title"),
                "1".equals(hash.get("late")), hash.get("displacedBy"));
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("studio", studio).put("merchant", merchant)
                .put("merchantName", merchantName).put("start", Times.format(slot.start(), zone))
                .put("end", Times.format(slot.end(), zone)).put("timeZone", zone.getId()).put("status", status)
                .put("room", room).put("title", title);
        if (status.equals("cancelled")) {
            json.put("late", late);
        }
        if (displacedBy != null) {
            json.put("displacedBy", displacedBy);
        }
        return json;
    }
}
