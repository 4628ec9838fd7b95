package live.blossom.booking.studio;

import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import live.blossom.booking.slot.Interval;
import live.blossom.platform.http.ApiException;

/** Opening hours per weekday in the studio's local time; a day without hours is closed. */
public record WeeklyHours(Map<DayOfWeek, DayHours> days) {

    public WeeklyHours {
        EnumMap<DayOfWeek, DayHours> copy = new EnumMap<>(DayOfWeek.class);
        copy.putAll(days);
        days = Collections.unmodifiableMap(copy);
    }

    public DayHours on(DayOfWeek day) {
        return days.get(day);
    }

    /**
     * The opening intervals that touch [from, to), clipped to it, as instants. Local times are
     * resolved in the zone the way {@link ZonedDateTime#of} does, so across a DST switch an
     * opening of 01:00-05:00 lasts three or five real hours.
     */
    public List<Interval> openIntervals(Instant from, Instant to, ZoneId zone) {
        List<Interval> open = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            Interval day = interval(date, zone);
            if (day != null) {
                Interval clipped = day.clip(from, to);
                if (clipped != null) {
                    open.add(clipped);
                }
            }
        }
        return open;
    }

    /** The opening interval of a local date, or null when the studio is closed that day. */
    public Interval interval(LocalDate date, ZoneId zone) {
        DayHours hours = days.get(date.getDayOfWeek());
        if (hours == null) {
            return null;
        }
        return new Interval(at(date, hours.open(), zone), at(date, hours.close(), zone));
    }

    private static Instant at(LocalDate date, int minuteOfDay, ZoneId zone) {
        LocalDateTime local = date.atStartOfDay().plusMinutes(minuteOfDay);
        return ZonedDateTime.of(local, zone).toInstant();
    }

    static WeeklyHours fromJson(Object raw) {
        if (!(raw instanceof JsonObject json)) {
            throw ApiException.badRequest("invalid_field",
                    "Field 'hours' must be an object with a weekday name (monday..sunday) per open day.");
        }
        Map<DayOfWeek, DayHours> days = new EnumMap<>(DayOfWeek.class);
        for (String name : json.fieldNames()) {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_field", "Field 'hours' has '" + name
                        + "', which is not a weekday (monday..sunday).");
            }
            days.put(day, DayHours.fromJson("hours." + name, json.getValue(name)));
        }
        return new WeeklyHours(days);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        days.forEach((day, hours) -> json.put(day.name().toLowerCase(Locale.ROOT), hours.toJson()));
        return json;
    }
}
