package live.blossom.booking;

/**
 * Names of the booking plane's Redis keys. Every key carries the hash tag {@code {booking}}: the
 * plane's data is small (a few studios, thousands of bookings), and one slot lets each Lua script
 * change a studio's slots, the booking, its live session and the merchant's lists together, also
 * on Redis Cluster.
 */
public final class BookingKeyspace {

    public static final String PREFIX = "{booking}:";
    /** Set of studio ids. */
    public static final String STUDIOS = PREFIX + "studios";
    /** Sorted set of live-session rooms that are not cancelled, scored by the end of their stream-key window. */
    public static final String SESSIONS = PREFIX + "sessions";

    private BookingKeyspace() {
    }

    /** String: the studio as JSON. */
    public static String studio(String id) {
        return PREFIX + "studio:" + id;
    }

    /** Sorted set: active bookings of the studio by start (epoch ms): the structure the scripts guard. */
    public static String slots(String studio) {
        return PREFIX + "studio:" + studio + ":slots";
    }

    /** Hash: booking id -> end (epoch ms) of the studio's active bookings, read by the conflict scan. */
    public static String ends(String studio) {
        return PREFIX + "studio:" + studio + ":ends";
    }

    /** Sorted set: every booking of the studio ever made (any status) by start. */
    public static String studioBookings(String studio) {
        return PREFIX + "studio:" + studio + ":bookings";
    }

    /** Hash: one booking. */
    public static String booking(String id) {
        return PREFIX + "booking:" + id;
    }

    /** Sorted set: every booking of a merchant by start. */
    public static String merchantBookings(String merchant) {
        return PREFIX + "merchant:" + merchant + ":bookings";
    }

    /** Sorted set: every live session of a merchant (booked or remote) by planned start. */
    public static String merchantSessions(String merchant) {
        return PREFIX + "merchant:" + merchant + ":sessions";
    }

    /** Hash: one live session (room) with its stream-key grant. */
    public static String session(String room) {
        return PREFIX + "session:" + room;
    }

    /** String: what a calendar token shows ({@code merchant:<id>} or {@code studio:<id>}). */
    public static String calendarToken(String token) {
        return PREFIX + "calendar:" + token;
    }

    /** String: the current calendar token of an owner ({@code merchant:<id>} or {@code studio:<id>}). */
    public static String calendarOf(String owner) {
        return PREFIX + "calendar-of:" + owner;
    }

    /** String with a TTL: set once by the node that sends a room's broadcast_ending notice. */
    public static String endingNotice(String room, long validUntil) {
        return PREFIX + "notice:" + room + ":" + validUntil;
    }
}
