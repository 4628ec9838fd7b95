package live.blossom.booking.studio;

import io.vertx.core.json.JsonArray;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import live.blossom.booking.http.Times;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;

/** Reads and checks the studio an admin sends: every rule a booking will be held to must make sense. */
final class StudioForm {

    static final int MAX_EQUIPMENT = 50;
    /** No booking lasts longer than a day: the availability and conflict reads rely on it. */
    static final int MAX_LENGTH_MINUTES = 24 * 60;

    private StudioForm() {
    }

    static Studio read(String id, JsonRequest body) {
        String name = body.text("name", 80);
        String description = body.text("description", 2000, "");
        List<String> equipment = equipment(body);
        ZoneId zone = Times.zone("timeZone", body.text("timeZone", 64));
        WeeklyHours hours = WeeklyHours.fromJson(body.json().getValue("hours"));
        int slot = (int) body.number("slotMinutes", 5, 240, 30);
        if ((24 * 60) % slot != 0) {
            throw ApiException.badRequest("invalid_field", "Field 'slotMinutes' must divide a day (e.g. 15, 30, 60).");
        }
        int min = (int) body.number("minMinutes", slot, MAX_LENGTH_MINUTES, slot);
        int max = (int) body.number("maxMinutes", min, MAX_LENGTH_MINUTES, Math.max(min, 8 * 60));
        if (min % slot != 0 || max % slot != 0) {
            throw ApiException.badRequest("invalid_field", "Fields 'minMinutes' and 'maxMinutes' must be whole slots of "
                    + slot + " minutes.");
        }
        int buffer = (int) body.number("bufferMinutes", 0, 240, 15);
        hours.days().forEach((day, h) -> {
            if (h.open() % slot != 0 || h.close() % slot != 0) {
                throw ApiException.badRequest("invalid_field", "Opening hours on " + day.name().toLowerCase(Locale.ROOT)
                        + " must start and end on the " + slot + "-minute slot grid.");
            }
        });
        return new Studio(id, name, description, equipment, zone, hours, slot, min, max, buffer);
    }

    private static List<String> equipment(JsonRequest body) {
        if (!body.has("equipment")) {
            return List.of();
        }
        if (!(body.json().getValue("equipment") instanceof JsonArray array) || array.size() > MAX_EQUIPMENT) {
            throw ApiException.badRequest("invalid_field",
                    "Field 'equipment' must be a list of at most " + MAX_EQUIPMENT + " short texts.");
        }
        List<String> items = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String text) || text.isBlank() || text.length() > 120) {
                throw ApiException.badRequest("invalid_field",
                        "Field 'equipment' must hold texts of 1 to 120 characters.");
            }
            items.add(text.strip());
        }
        return items;
    }
}
