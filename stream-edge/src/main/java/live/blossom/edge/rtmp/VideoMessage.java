package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;

/** Video data (type 9): the FLV video tag body (legacy or enhanced RTMP). The receiver releases the payload. */
public record VideoMessage(int streamId, long timestamp, ByteBuf payload) implements RtmpMessage, MediaPayload {

    @Override
    public int typeId() {
        return MessageType.VIDEO;
    }
}
