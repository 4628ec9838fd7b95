package live.blossom.chat.room;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** True for the first node that claims a key, false for every later one. */
final class ClaimOnce implements EntryProcessor<String, Boolean, Boolean> {

    private static final long serialVersionUID = 1L;

    @Override
    public Boolean process(Map.Entry<String, Boolean> entry) {
        if (entry.getValue() != null) {
            return false;
        }
        entry.setValue(Boolean.TRUE);
        return true;
    }
}
