package live.blossom.chat.fanout;

import java.util.ArrayList;
import java.util.List;
import live.blossom.chat.room.ChatItem;

/**
 * Keeps a flood readable: ordinary viewer lines beyond the readable rate are sampled evenly over
 * the window; events and host/moderator lines are always kept. The batch's sequence range then
 * tells the client how many were skipped.
 */
final class FlowSampler {

    private final double perSecond;
    private final FanoutMeters meters;

    FlowSampler(double perSecond, FanoutMeters meters) {
        this.perSecond = perSecond;
        this.meters = meters;
    }

    List<ChatItem> sample(List<ChatItem> pending, double windowSeconds) {
        int ordinary = 0;
        for (ChatItem item : pending) {
            if (item.ordinary()) {
                ordinary++;
            }
        }
        long allowed = Math.max(1, (long) Math.ceil(perSecond * Math.min(1.0, windowSeconds)));
        if (ordinary <= allowed) {
            return pending;
        }
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
