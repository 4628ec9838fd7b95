package live.blossom.booking.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes a calendar feed (RFC 5545) with ical4j. Times are written in UTC (DTSTART:...Z), which
 * every calendar app shows in its user's own zone, so the feed needs no VTIMEZONE definitions.
 */
public final class IcsFeed {

    public static final String CONTENT_TYPE = "text/calendar; charset=utf-8";

    private IcsFeed() {
    }

    public static String write(String name, List<CalendarEvent> events, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Blossom//Studio booking//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        for (CalendarEvent event : events) {
            VEvent vevent = new VEvent(event.when().start(), event.when().end(), event.summary());
            vevent.replace(new DtStamp(now));
            vevent.add(new Uid(event.uid()));
            vevent.add(new Description(event.description()));
            vevent.add(new Location(event.location()));
            vevent.add(new Status(Status.VALUE_CONFIRMED));
            calendar.add(vevent);
        }
        // The outputter folds long lines at 75 octets and ends them with CRLF, as RFC 5545 asks.
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
