package live.blossom.chat.room;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * True for the first node that claims a key, false for every later one while the claim stands.
 * The claim records its holder, so that {@link Release} gives back only a claim that is still
 * the caller's (one that expired may have been taken by another node since).
 */
final class ClaimOnce implements EntryProcessor<String, String, Boolean>, DataSerializable {

    private String holder;

    ClaimOnce() {
        // For deserialization.
    }

    ClaimOnce(String holder) {
        this.holder = holder;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(holder);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        holder = in.readString();
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        if (entry.getValue() != null) {
            return false;
        }
        entry.setValue(holder);
        return true;
    }

    /** Removes the claim if {@code holder} still has it; true if it did. */
    static final class Release implements EntryProcessor<String, String, Boolean>, DataSerializable {

        private String holder;

        Release() {
            // For deserialization.
        }

        Release(String holder) {
            this.holder = holder;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(holder);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            holder = in.readString();
        }

        @Override
        public Boolean process(Map.Entry<String, String> entry) {
            if (!holder.equals(entry.getValue())) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
    }
}
