package live.blossom.chat.moderation;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/** One message per period per user and room: answers 0 when admitted, else milliseconds to wait. */
final class SlowModeGate implements EntryProcessor<String, Long, Long>, DataSerializable {

    private long periodMs;
    private long now;

    SlowModeGate(long periodMs, long now) {
        this.periodMs = periodMs;
        this.now = now;
    }

    /** For Hazelcast, which fills the fields from the stream. */
    SlowModeGate() {
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(periodMs);
        out.writeLong(now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        periodMs = in.readLong();
        now = in.readLong();
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
