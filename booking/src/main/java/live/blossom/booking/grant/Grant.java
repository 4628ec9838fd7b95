package live.blossom.booking.grant;

import java.time.Instant;

/**
 * Permission to publish a live session's stream.
 *
 * @param room       the session (also the stream name and chat room id)
 * @param validFrom  first instant the key works (planned start minus {@code booking.grant-lead})
 * @param validUntil instant the key stops working (planned end plus {@code booking.grant-grace});
 *                   the edge ends a publish that is still live then
 */
public record Grant(String room, Instant validFrom, Instant validUntil) {
}
