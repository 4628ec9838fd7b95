package live.blossom.booking.studio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import live.blossom.booking.slot.SlotGrid;

/**
 * A studio of the livestream base as admins describe it. Its rules for bookings: opening hours per
 * weekday in its own time zone, a slot grid, a minimum and maximum length and a changeover buffer
 * between two bookings.
 */
public record Studio(String id, String name, String description, List<String> equipment, ZoneId zone,
                     WeeklyHours hours, int slotMinutes, int minMinutes, int maxMinutes, int bufferMinutes) {

    public Studio {
        equipment = List.copyOf(equipment);
    }

    public SlotGrid grid() {
        return new SlotGrid(zone, slotMinutes);
    }

    public Duration buffer() {
        return Duration.ofMinutes(bufferMinutes);
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("description", description)
                .put("equipment", new JsonArray(equipment)).put("timeZone", zone.getId()).put("hours", hours.toJson())
                .put("slotMinutes", slotMinutes).put("minMinutes", minMinutes).put("maxMinutes", maxMinutes)
                .put("bufferMinutes", bufferMinutes);
    }

    /** Reads a studio as {@link #toJson()} wrote it (what the store keeps, already validated). */
    public static Studio fromJson(JsonObject json) {
        return new Studio(json.getString("id"), json.getString("name"), json.getString("description"),
                json.getJsonArray("equipment").stream().map(String::valueOf).toList(), ZoneId.of(json.getString("timeZone")),
                WeeklyHours.fromJson(json.getJsonObject("hours")), json.getInteger("slotMinutes"),
                json.getInteger("minMinutes"), json.getInteger("maxMinutes"), json.getInteger("bufferMinutes"));
    }
}
