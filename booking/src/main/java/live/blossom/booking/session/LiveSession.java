package live.blossom.booking.session;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import live.blossom.booking.http.Times;
import live.blossom.booking.slot.Interval;

/**
 * A live session (room): what viewers will watch, who streams it, where and when. A booked session
 * belongs to a studio booking; a remote one has neither studio nor booking. Its stream key works
 * in {@code grant} (the planned times widened by the grant lead and grace).
 */
public record LiveSession(String room, String title, String merchant, String merchantName, String studio,
                          String booking, Interval planned, ZoneId zone, String status, Interval grant) {

    public boolean remote() {
        return studio == null;
    }

    public boolean active() {
        return status.equals("active");
    }

    /** Where the session stands at {@code now}: upcoming, live, wrapping_up, ended or cancelled. */
    public String state(Instant now) {
        if (!active()) {
            return "cancelled";
        }
        if (now.isBefore(planned.start())) {
            return "upcoming";
        }
        if (now.isBefore(planned.end())) {
            return "live";
        }
        return now.isBefore(grant.end()) ? "wrapping_up" : "ended";
    }

    /** Reads the session hash; null for an empty one (no such session). */
    public static LiveSession fromHash(Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        return new LiveSession(hash.get("room"), hash.get("title"), hash.get("merchant"), hash.get("merchantName"),
                emptyToNull(hash.get("studio")), emptyToNull(hash.get("booking")),
                new Interval(millis(hash, "start"), millis(hash, "end")), ZoneId.of(hash.get("zone")),
                hash.get("status"), new Interval(millis(hash, "validFrom"), millis(hash, "validUntil")));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant millis(Map<String, String> hash, String field) {
        return Instant.ofEpochMilli(Long.parseLong(hash.get(field)));
    }

    public JsonObject toJson(Instant now) {
        return new JsonObject().put("room", room).put("title", title).put("merchant", merchant)
                .put("merchantName", merchantName).put("studio", studio).put("booking", booking)
                .put("remote", remote()).put("start", Times.format(planned.start(), zone))
                .put("end", Times.format(planned.end(), zone)).put("timeZone", zone.getId())
                .put("state", state(now))
                .put("streamKeyValid", new JsonObject().put("from", Times.format(grant.start(), zone))
                        .put("until", Times.format(grant.end(), zone)));
    }
}
