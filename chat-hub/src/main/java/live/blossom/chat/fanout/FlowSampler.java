package live.blossom.chat.fanout;

import java.util.ArrayList;
import java.util.List;
import live.blossom.chat.room.ChatItem;

/**
 * Keeps a flood readable: ordinary viewer lines beyond the readable rate are sampled evenly over
 * each flush; events and host/moderator lines are always kept. The batch's sequence range then
 * tells the client how many were skipped.
 *
 * <p>The rate is a credit (a token bucket holding at most one second of lines), not a quota per
 * flush: a room's flushes can be a few tens of milliseconds apart, and rounding a quota up per
 * flush would let several times the readable rate through.
 */
final class FlowSampler {

    private final double perSecond;
    private final FanoutMeters meters;
    private double credit;

    FlowSampler(double perSecond, FanoutMeters meters) {
        this.perSecond = perSecond;
        this.meters = meters;
        this.credit = perSecond;
    }

    /** The items to deliver from {@code pending}, gathered over {@code elapsedSeconds}. */
    List<ChatItem> sample(List<ChatItem> pending, double elapsedSeconds) {
        credit = Math.min(perSecond, credit + perSecond * Math.max(0, elapsedSeconds));
        int ordinary = 0;
        for (ChatItem item : pending) {
            if (item.ordinary()) {
                ordinary++;
            }
        }
        long allowed = (long) Math.floor(credit);
        if (ordinary <= allowed) {
            credit -= ordinary;
            return pending;
        }
        credit -= allowed;
        List<ChatItem> kept = new ArrayList<>(pending.size());
        int i = 0;
        for (ChatItem item : pending) {
            if (!item.ordinary()) {
                kept.add(item);
                continue;
            }
            // Even stride: keep the i-th ordinary line when floor((i+1)*k/n) steps up.
            if ((i + 1) * allowed / ordinary > i * allowed / ordinary) {
                kept.add(item);
            }
            i++;
        }
        meters.sampledAway.increment(ordinary - allowed);
        return kept;
    }
}
