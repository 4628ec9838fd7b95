package live.blossom.edge.rtmp;

/** Protocol control 1: the sender's chunks are now this large (1..0x7FFFFFFF). */
public record SetChunkSize(int size) implements RtmpMessage {

    public SetChunkSize {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
    }

    @Override
    public int typeId() {
        return MessageType.SET_CHUNK_SIZE;
    }
}
