package live.blossom.edge.rtmp;

import java.util.HashMap;
import java.util.Map;

/** The decoder's chunk streams by id: the common low ids in an array, the rare high ones in a map. */
final class ChunkStreams {

    private final ChunkStream[] low = new ChunkStream[64];
    private Map<Integer, ChunkStream> high;
    private int size;

    ChunkStream get(int id) {
        if (id < 64) {
            return low[id];
        }
        return high == null ? null : high.get(id);
    }

    ChunkStream create(int id) {
        ChunkStream cs = new ChunkStream(id);
        if (id < 64) {
            low[id] = cs;
        } else {
            if (high == null) {
                high = new HashMap<>();
            }
            high.put(id, cs);
        }
        size++;
        return cs;
    }

    int size() {
        return size;
    }

    void releaseAll() {
        for (ChunkStream cs : low) {
            if (cs != null) {
                cs.discardPartial();
            }
        }
        if (high != null) {
            high.values().forEach(ChunkStream::discardPartial);
        }
    }
}
