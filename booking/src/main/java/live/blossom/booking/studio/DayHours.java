package live.blossom.booking.studio;

import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import live.blossom.platform.http.ApiException;

/**
 * Opening hours of one weekday in the studio's local time, as minutes of the day: {@code close}
 * may be 1440 ("24:00") for a studio open until midnight.
 */
public record DayHours(int open, int close) {

    public static final int END_OF_DAY = 24 * 60;

    public DayHours {
        if (open < 0 || close > END_OF_DAY || open >= close) {
            throw new IllegalArgumentException("opening hours must satisfy 00:00 <= open < close <= 24:00");
        }
    }

    /** Reads {@code {"open":"09:00","close":"21:00"}}; a 400 naming the field when it is not that. */
    static DayHours fromJson(String field, Object raw) {
        if (!(raw instanceof JsonObject json)) {
            throw invalid(field);
        }
        int open = minutes(field, json.getValue("open"));
        int close = minutes(field, json.getValue("close"));
        if (open >= close) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "': 'close' must be after 'open'.");
        }
        return new DayHours(open, close);
    }

    private static int minutes(String field, Object raw) {
        if (!(raw instanceof String text)) {
            throw invalid(field);
        }
        if (text.equals("24:00")) {
            return END_OF_DAY;
        }
        try {
            LocalTime time = LocalTime.parse(text);
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeParseException e) {
            throw invalid(field);
        }
    }

    private static ApiException invalid(String field) {
        return ApiException.badRequest("invalid_field",
                "Field '" + field + "' must look like {\"open\":\"09:00\",\"close\":\"21:00\"} (close may be 24:00).");
    }

    public JsonObject toJson() {
        return new JsonObject().put("open", text(open)).put("close", text(close));
    }

    private static String text(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }
}
