package live.blossom.chat.moderation;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs on the member that owns a user's entry: keeps the send times of the last {@code count}
 * messages and admits a new one only if the oldest is older than the period. Answers 0 when
 * admitted, else the milliseconds until the next message would be. One entry per user, so the
 * limit holds over all of the user's connections on all nodes.
 */
final class SlidingWindowLimit implements EntryProcessor<String, long[], Long>, DataSerializable {

    private int count;
    private long periodMs;
    private long now;

    SlidingWindowLimit(int count, long periodMs, long now) {
        this.count = count;
        this.periodMs = periodMs;
        this.now = now;
    }

    /** For Hazelcast, which fills the fields from the stream. */
    SlidingWindowLimit() {
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(count);
        out.writeLong(periodMs);
        out.writeLong(now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        count = in.readInt();
        periodMs = in.readLong();
        now = in.readLong();
    }

    @Override
    public Long process(Map.Entry<String, long[]> entry) {
        long[] times = entry.getValue();
        if (times == null) {
            times = new long[0];
        }
        long[] recent = Arrays.stream(times).filter(t -> t > now - periodMs).toArray();
        if (recent.length >= count) {
            return Math.max(1, recent[0] + periodMs - now);
        }
        long[] next = Arrays.copyOf(recent, recent.length + 1);
        next[recent.length] = now;
        entry.setValue(next);
        return 0L;
    }
}
