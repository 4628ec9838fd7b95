package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Turns a reassembled payload into its message record, by type id. Takes ownership of the payload. */
final class MessageReader {

    private MessageReader() {
    }

    static RtmpMessage read(int type, int streamId, long timestamp, ByteBuf payload, Amf0Reader.Limits limits) {
        switch (type) {
            case MessageType.AUDIO:
                return new AudioMessage(streamId, timestamp, payload);
            case MessageType.VIDEO:
                return new VideoMessage(streamId, timestamp, payload);
            default:
                break;
        }
        try {
            return switch (type) {
                case MessageType.SET_CHUNK_SIZE -> {
                    need(payload, 4, "Set Chunk Size");
                    int size = payload.readInt() & 0x7FFFFFFF; // the first bit is always 0
                    if (size < 1) {
                        throw new RtmpProtocolException("Set Chunk Size of 0");
                    }
                    yield new SetChunkSize(size);
                }
                case MessageType.ABORT -> {
                    need(payload, 4, "Abort");
                    yield new Abort(payload.readInt());
                }
                case MessageType.ACKNOWLEDGEMENT -> {
                    need(payload, 4, "Acknowledgement");
                    yield new Acknowledgement(payload.readUnsignedInt());
                }
                case MessageType.WINDOW_ACK_SIZE -> {
                    need(payload, 4, "Window Acknowledgement Size");
                    long size = payload.readUnsignedInt();
                    if (size == 0) {
                        throw new RtmpProtocolException("Window Acknowledgement Size of 0");
                    }
                    yield new WindowAckSize(size);
                }
                case MessageType.SET_PEER_BANDWIDTH -> {
                    need(payload, 5, "Set Peer Bandwidth");
                    long size = payload.readUnsignedInt();
                    int limit = payload.readUnsignedByte();
                    if (limit > 2) {
                        throw new RtmpProtocolException("Set Peer Bandwidth limit type " + limit);
                    }
                    yield new SetPeerBandwidth(size, limit);
                }
                case MessageType.USER_CONTROL -> {
                    need(payload, 2, "User Control");
                    int event = payload.readUnsignedShort();
                    long value = payload.readableBytes() >= 4 ? payload.readUnsignedInt() : 0;
                    long extra = payload.readableBytes() >= 4 ? payload.readUnsignedInt() : 0;
                    yield new UserControl(event, value, extra);
                }
                case MessageType.COMMAND_AMF0, MessageType.COMMAND_AMF3 -> command(type, streamId, timestamp, payload, limits);
                case MessageType.DATA_AMF0, MessageType.DATA_AMF3 -> {
                    skipAmf3Marker(type == MessageType.DATA_AMF3, payload);
                    yield new DataMessage(streamId, timestamp, new Amf0Reader(limits).readAll(payload));
                }
                default -> new UnknownMessage(type, streamId, timestamp, payload.readableBytes());
            };
        } finally {
            payload.release();
        }
    }

    private static CommandMessage command(int type, int streamId, long timestamp, ByteBuf payload, Amf0Reader.Limits limits) {
        skipAmf3Marker(type == MessageType.COMMAND_AMF3, payload);
        List<Object> values = new Amf0Reader(limits).readAll(payload);
        if (values.size() < 2 || !(values.get(0) instanceof String name) || !(values.get(1) instanceof Double txn)) {
            throw new RtmpProtocolException("command without name and transaction id");
        }
        return new CommandMessage(streamId, timestamp, name, txn, values.subList(2, values.size()));
    }

    // AMF3 command and data messages (types 17, 15) start with a format byte; the values
    // that follow are AMF0 in practice (Flash sends 0x00 and then AMF0).
    private static void skipAmf3Marker(boolean amf3, ByteBuf payload) {
        if (amf3 && payload.isReadable()) {
            payload.skipBytes(1);
        }
    }

    private static void need(ByteBuf payload, int bytes, String what) {
        if (payload.readableBytes() < bytes) {
            throw new RtmpProtocolException(what + " shorter than " + bytes + " bytes");
        }
    }
}
