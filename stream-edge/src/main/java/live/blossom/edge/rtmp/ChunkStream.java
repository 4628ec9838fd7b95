package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;

/** What the decoder remembers of one chunk stream: the last header's fields and a message in progress. */
final class ChunkStream {

    final int id;
    long timestamp;
    long delta;
    int length;
    int type;
    int streamId;
    boolean extended;
    long extendedValue;
    ByteBuf partial;
    int received;
    // Header fields read but not yet applied (applied once the extended timestamp is known).
    int pendingLength;
    int pendingType;
    int pendingStreamId;

    ChunkStream(int id) {
        this.id = id;
    }

    void discardPartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
        received = 0;
    }
}
