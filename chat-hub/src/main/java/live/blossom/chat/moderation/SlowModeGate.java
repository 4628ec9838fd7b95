package live.blossom.chat.moderation;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** One message per period per user and room: answers 0 when admitted, else milliseconds to wait. */
final class SlowModeGate implements EntryProcessor<String, Long, Long> {

    private static final long serialVersionUID = 1L;

    private final long periodMs;
    private final long now;

    SlowModeGate(long periodMs, long now) {
        this.periodMs = periodMs;
        this.now = now;
    }

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        Long last = entry.getValue();
        if (last != null && now - last < periodMs) {
            return Math.max(1, last + periodMs - now);
        }
        entry.setValue(now);
        return 0L;
    }
}
