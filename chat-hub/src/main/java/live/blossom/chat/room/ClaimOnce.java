package live.blossom.chat.room;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.util.Map;

/** True for the first node that claims a key, false for every later one. */
final class ClaimOnce implements EntryProcessor<String, Boolean, Boolean>, DataSerializable {

    @Override
    public void writeData(ObjectDataOutput out) {
        // Nothing to carry: the key says what is claimed.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Nothing to read.
    }

    @Override
    public Boolean process(Map.Entry<String, Boolean> entry) {
        if (entry.getValue() != null) {
            return false;
        }
        entry.setValue(Boolean.TRUE);
        return true;
    }
}
