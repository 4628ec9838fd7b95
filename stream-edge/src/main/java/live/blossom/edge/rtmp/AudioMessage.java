package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;

/** Audio data (type 8): the FLV audio tag body, relayed as it came. The receiver releases the payload. */
public record AudioMessage(int streamId, long timestamp, ByteBuf payload) implements RtmpMessage, MediaPayload {

    @Override
    public int typeId() {
        return MessageType.AUDIO;
    }
}
