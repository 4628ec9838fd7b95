package live.blossom.chat.presence;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/** Raises a room's stored peak to the given count if higher; answers the peak. */
final class PeakMax implements EntryProcessor<String, Long, Long>, DataSerializable {

    private long count;

    PeakMax(long count) {
        this.count = count;
    }

    /** For Hazelcast, which fills the fields from the stream. */
    PeakMax() {
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(count);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        count = in.readLong();
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
