package live.blossom.booking;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids for studios and bookings: lower-case hex, unguessable, short enough for URLs. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A prefix letter plus {@code bytes} random bytes in hex, e.g. {@code b3f9a0c1d2e4b}. */
    public static String random(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return prefix + HexFormat.of().formatHex(raw);
    }
}
