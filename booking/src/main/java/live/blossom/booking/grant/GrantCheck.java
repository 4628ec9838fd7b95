package live.blossom.booking.grant;

import io.vertx.core.Future;

/**
 * Booking's answer to "may this key publish this stream now?". Stream-edge's publish authorizer
 * asks it through an adapter in {@code app} (neither module imports the other): a grant for the
 * session's room with its window, or a failed future ({@link GrantRefused}) whose message is a
 * short reason: unknown stream, wrong key, cancelled, before or after the window.
 */
public interface GrantCheck {

    Future<Grant> check(String stream, String key);
}
