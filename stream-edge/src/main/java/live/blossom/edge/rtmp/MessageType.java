package live.blossom.edge.rtmp;

/** Wire codes of the RTMP message types this codec knows (RTMP 1.0 §5.4, §7.1). */
public final class MessageType {

    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF3 = 15;
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int COMMAND_AMF0 = 20;

    private MessageType() {
    }

    /** Chunk stream the encoder uses for a message type: control on 2, commands on 3, media on their own. */
    static int chunkStreamFor(int typeId) {
        return switch (typeId) {
            case SET_CHUNK_SIZE, ABORT, ACKNOWLEDGEMENT, USER_CONTROL, WINDOW_ACK_SIZE, SET_PEER_BANDWIDTH -> 2;
            case AUDIO -> 4;
            case VIDEO -> 6;
            case DATA_AMF0, DATA_AMF3 -> 5;
            default -> 3;
        };
    }
}
