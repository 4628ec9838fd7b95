package live.blossom.edge.rtmp;

/** Protocol control 2: drop the partly received message on this chunk stream. */
public record Abort(int chunkStreamId) implements RtmpMessage {

    @Override
    public int typeId() {
        return MessageType.ABORT;
    }
}
