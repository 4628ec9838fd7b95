package live.blossom.booking.calendar;

import live.blossom.booking.slot.Interval;

/** One entry of a calendar feed: a live session or a studio booking. */
public record CalendarEvent(String uid, String summary, String description, String location, Interval when) {
}
