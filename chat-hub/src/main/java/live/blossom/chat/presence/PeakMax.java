package live.blossom.chat.presence;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Raises a room's stored peak to the given count if higher; answers the peak. */
final class PeakMax implements EntryProcessor<String, Long, Long> {

    private static final long serialVersionUID = 1L;

    private final long count;

    PeakMax(long count) {
        this.count = count;
    }

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        Long peak = entry.getValue();
        if (peak == null || count > peak) {
            entry.setValue(count);
            return count;
        }
        return peak;
    }
}
