package live.blossom.edge.rtmp;

/** Protocol control 6: limit the peer's output bandwidth; limit type 0 hard, 1 soft, 2 dynamic. */
public record SetPeerBandwidth(long size, int limitType) implements RtmpMessage {

    public static final int DYNAMIC = 2;

    public SetPeerBandwidth {
        if (limitType < 0 || limitType > 2) {
            throw new IllegalArgumentException("limit type must be 0, 1 or 2: " + limitType);
        }
        size &= 0xFFFFFFFFL;
    }

    @Override
    public int typeId() {
        return MessageType.SET_PEER_BANDWIDTH;
    }
}
