package live.blossom.edge.rtmp;

/** Protocol control 3: bytes received so far (mod 2^32). */
public record Acknowledgement(long sequence) implements RtmpMessage {

    public Acknowledgement {
        sequence &= 0xFFFFFFFFL;
    }

    @Override
    public int typeId() {
        return MessageType.ACKNOWLEDGEMENT;
    }
}
