package live.blossom.chat.room;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * A claim on a key: {@link #take} is true for the first node that claims it and false for every
 * later one while the claim stands; {@link #giveBack} removes it only if the caller still holds
 * it (one that expired may have been taken by another node since). The claim records its holder.
 */
final class ClaimOnce implements EntryProcessor<String, String, Boolean>, DataSerializable {

    private String holder;
    private boolean giveBack;

    ClaimOnce() {
        // For deserialization.
    }

    private ClaimOnce(String holder, boolean giveBack) {
        this.holder = holder;
        this.giveBack = giveBack;
    }

    static ClaimOnce take(String holder) {
        return new ClaimOnce(holder, false);
    }

    static ClaimOnce giveBack(String holder) {
        return new ClaimOnce(holder, true);
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(holder);
        out.writeBoolean(giveBack);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        holder = in.readString();
        giveBack = in.readBoolean();
    }

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
        if (giveBack) {
            if (!holder.equals(entry.getValue())) {
                return false;
            }
            entry.setValue(null);
            return true;
        }
        if (entry.getValue() != null) {
            return false;
        }
        entry.setValue(holder);
        return true;
    }
}
