package live.blossom.booking;

import live.blossom.platform.config.ConfigKey;

/** Configuration keys of the booking plane. */
public final class BookingKeys {

    private BookingKeys() {
    }

    public static final ConfigKey CANCEL_NOTICE = ConfigKey.of("booking.cancel-notice", "72h",
            "Cancelling a booking at least this long before its start is free; later cancellations are recorded as late.");
    public static final ConfigKey GRANT_LEAD = ConfigKey.of("booking.grant-lead", "15m",
            "How long before a session's planned start its stream key starts to work (time to set up and test).");
    public static final ConfigKey GRANT_GRACE = ConfigKey.of("booking.grant-grace", "15m",
            "How long after a session's planned end its stream key still works; the edge ends the publish then.");
    public static final ConfigKey ENDING_NOTICE = ConfigKey.of("booking.ending-notice", "5m",
            "How long before a stream key stops working the room gets the broadcast_ending notice.");
    public static final ConfigKey NOTICE_INTERVAL = ConfigKey.of("booking.notice-interval", "5s",
            "How often each node looks for sessions whose window is about to end (safe on every node: one notice each).");
    public static final ConfigKey HORIZON = ConfigKey.of("booking.horizon", "180d",
            "How far ahead a booking or a remote session may start.");
    public static final ConfigKey REMOTE_MAX_LENGTH = ConfigKey.of("booking.remote-max-length", "12h",
            "Longest planned duration of a remote session (streamed from the merchant's own place, not a studio).");
    public static final ConfigKey AVAILABILITY_SPAN = ConfigKey.of("booking.availability-span", "31d",
            "Longest from..to range one availability request may ask for.");
}
