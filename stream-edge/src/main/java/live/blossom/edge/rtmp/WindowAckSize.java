package live.blossom.edge.rtmp;

/** Protocol control 5: the sender expects an acknowledgement after this many bytes. */
public record WindowAckSize(long size) implements RtmpMessage {

    public WindowAckSize {
        if (size < 1 || size > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("window size out of range: " + size);
        }
    }

    @Override
    public int typeId() {
        return MessageType.WINDOW_ACK_SIZE;
    }
}
