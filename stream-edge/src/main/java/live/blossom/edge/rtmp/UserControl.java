package live.blossom.edge.rtmp;

/**
 * User control message (type 4): an event with one 32-bit value (a stream id or a ping
 * timestamp) and, for SetBufferLength only, a second one (the buffer in milliseconds).
 */
public record UserControl(int event, long value, long extra) implements RtmpMessage {

    public static final int STREAM_BEGIN = 0;
    public static final int STREAM_EOF = 1;
    public static final int STREAM_DRY = 2;
    public static final int SET_BUFFER_LENGTH = 3;
    public static final int STREAM_IS_RECORDED = 4;
    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;

    public UserControl {
        if (event < 0 || event > 0xFFFF) {
            throw new IllegalArgumentException("event out of range: " + event);
        }
        value &= 0xFFFFFFFFL;
        extra &= 0xFFFFFFFFL;
    }

    public static UserControl streamBegin(int streamId) {
        return new UserControl(STREAM_BEGIN, streamId, 0);
    }

    public static UserControl streamEof(int streamId) {
        return new UserControl(STREAM_EOF, streamId, 0);
    }

    public static UserControl pingResponse(long timestamp) {
        return new UserControl(PING_RESPONSE, timestamp, 0);
    }

    @Override
    public int typeId() {
        return MessageType.USER_CONTROL;
    }
}
