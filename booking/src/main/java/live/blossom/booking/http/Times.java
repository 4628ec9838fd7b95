package live.blossom.booking.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import live.blossom.platform.http.ApiException;

/** ISO-8601 times as the API speaks them: always with an offset, so no one guesses a time zone. */
public final class Times {

    private Times() {
    }

    /** Parses e.g. {@code 2025-03-30T10:00+02:00}; a 400 naming the field for anything without an offset. */
    public static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("missing_field", "'" + field + "' is required (ISO-8601 with offset).");
        }
        if (text.length() > 64) {
            throw invalid(field);
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field);
        }
    }

    private static ApiException invalid(String field) {
        return ApiException.badRequest("invalid_time",
                "'" + field + "' must be an ISO-8601 time with offset, e.g. 2025-03-30T10:00+02:00.");
    }

    /** The instant as local time of the zone with its offset, e.g. {@code 2025-03-30T10:00:00+02:00}. */
    public static String format(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }

    /** A zone id such as Asia/Shanghai; a 400 naming the field for an unknown one. */
    public static ZoneId zone(String field, String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("invalid_field",
                    "Field '" + field + "' must be a time zone id such as Asia/Shanghai or Europe/Berlin.");
        }
    }
}
