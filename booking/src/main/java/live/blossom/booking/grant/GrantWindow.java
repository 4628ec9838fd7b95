package live.blossom.booking.grant;

import java.time.Duration;
import live.blossom.booking.slot.Interval;

/** When a session's stream key works: from {@code lead} before its planned start to {@code grace} after its end. */
public record GrantWindow(Duration lead, Duration grace) {

    public Interval around(Interval planned) {
        return new Interval(planned.start().minus(lead), planned.end().plus(grace));
    }
}
