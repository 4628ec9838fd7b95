package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;

/** Writes a message's payload (no chunk headers), the inverse of {@link MessageReader}. */
final class MessageWriter {

    private MessageWriter() {
    }

    static void writeBody(RtmpMessage msg, ByteBuf out) {
        if (msg instanceof MediaPayload m) {
            out.writeBytes(m.payload(), m.payload().readerIndex(), m.payload().readableBytes());
        } else if (msg instanceof CommandMessage m) {
            Amf0Writer.write(out, m.name());
            Amf0Writer.write(out, m.transactionId());
            Amf0Writer.writeAll(out, m.arguments());
        } else if (msg instanceof DataMessage m) {
            Amf0Writer.writeAll(out, m.values());
        } else if (msg instanceof SetChunkSize m) {
            out.writeInt(m.size());
        } else if (msg instanceof Abort m) {
            out.writeInt(m.chunkStreamId());
        } else if (msg instanceof Acknowledgement m) {
            out.writeInt((int) m.sequence());
        } else if (msg instanceof WindowAckSize m) {
            out.writeInt((int) m.size());
        } else if (msg instanceof SetPeerBandwidth m) {
            out.writeInt((int) m.size());
            out.writeByte(m.limitType());
        } else if (msg instanceof UserControl m) {
            out.writeShort(m.event());
            out.writeInt((int) m.value());
            if (m.event() == UserControl.SET_BUFFER_LENGTH) {
                out.writeInt((int) m.extra());
            }
        } else {
            throw new IllegalArgumentException("cannot encode message type " + msg.typeId());
        }
    }
}
