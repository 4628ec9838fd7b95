package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link RtmpMessage}s as chunks: a type-0 header for each message's first chunk,
 * type-3 headers for the rest (repeating the extended timestamp, as the spec asks), at the
 * current outbound chunk size. Encoding a {@link SetChunkSize} switches that size for the
 * messages after it. Bytes already encoded (the relay's shared media) pass through untouched.
 */
public final class ChunkEncoder extends MessageToByteEncoder<RtmpMessage> {

    private int chunkSize = 128;

    public ChunkEncoder() {
        super(RtmpMessage.class);
    }

    /** The chunk size this side currently writes with. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
        ByteBuf body = ctx.alloc().buffer();
        try {
            MessageWriter.writeBody(msg, body);
            writeMessage(out, MessageType.chunkStreamFor(msg.typeId()), msg.typeId(), msg.streamId(),
                    msg.timestamp(), body, chunkSize);
        } finally {
            body.release();
        }
        if (msg instanceof SetChunkSize s) {
            chunkSize = s.size();
        }
    }

    /** One message, header and all chunks, into {@code out}. */
    public static void writeMessage(ByteBuf out, int csid, int typeId, int streamId, long timestamp, ByteBuf body,
            int chunkSize) {
        int length = body.readableBytes();
        boolean extended = timestamp >= 0xFFFFFF;
        writeBasicHeader(out, 0, csid);
        out.writeMedium(extended ? 0xFFFFFF : (int) timestamp);
        out.writeMedium(length);
        out.writeByte(typeId);
        out.writeIntLE(streamId);
        if (extended) {
            out.writeInt((int) timestamp);
        }
        int index = body.readerIndex();
        int end = index + length;
        while (true) {
            int n = Math.min(chunkSize, end - index);
            out.writeBytes(body, index, n);
            index += n;
            if (index >= end) {
                break;
            }
            writeBasicHeader(out, 3, csid);
            if (extended) {
                out.writeInt((int) timestamp);
            }
        }
    }

    /**
     * The body of a message split into chunks without its first header: what every viewer of a
     * stream shares. Valid for timestamps below 0xFFFFFF (else continuation chunks carry the
     * timestamp and differ per viewer).
     */
    public static void writeSharedBody(ByteBuf out, int csid, ByteBuf body, int chunkSize) {
        int index = body.readerIndex();
        int end = body.writerIndex();
        while (true) {
            int n = Math.min(chunkSize, end - index);
            out.writeBytes(body, index, n);
            index += n;
            if (index >= end) {
                return;
            }
            writeBasicHeader(out, 3, csid);
        }
    }

    /** Size of {@link #writeSharedBody}'s output. */
    public static int sharedBodySize(int csid, int length, int chunkSize) {
        int continuations = length == 0 ? 0 : (length - 1) / chunkSize;
        return length + continuations * basicHeaderSize(csid);
    }

    /** The type-0 header of a message whose body is shared: 12 bytes, or 16 with an extended timestamp. */
    public static void writeType0Header(ByteBuf out, int csid, int typeId, int streamId, long timestamp, int length) {
        boolean extended = timestamp >= 0xFFFFFF;
        writeBasicHeader(out, 0, csid);
        out.writeMedium(extended ? 0xFFFFFF : (int) timestamp);
        out.writeMedium(length);
        out.writeByte(typeId);
        out.writeIntLE(streamId);
        if (extended) {
            out.writeInt((int) timestamp);
        }
    }

    /**
     * A type-1 header: the timestamp as a delta from the previous message on this chunk stream,
     * whose message stream id it keeps. 8 bytes for the media chunk streams; the delta must be
     * below 0xFFFFFF (no extended timestamp, so continuation chunks carry none either).
     */
    public static void writeType1Header(ByteBuf out, int csid, int typeId, long delta, int length) {
        if (delta < 0 || delta >= 0xFFFFFF) {
            throw new IllegalArgumentException("type-1 delta out of range: " + delta);
        }
        writeBasicHeader(out, 1, csid);
        out.writeMedium((int) delta);
        out.writeMedium(length);
        out.writeByte(typeId);
    }

    /** Size of {@link #writeType1Header}'s output. */
    public static int type1HeaderSize(int csid) {
        return basicHeaderSize(csid) + 7;
    }

    static void writeBasicHeader(ByteBuf out, int fmt, int csid) {
        if (csid < 64) {
            out.writeByte((fmt << 6) | csid);
        } else if (csid < 320) {
            out.writeByte(fmt << 6);
            out.writeByte(csid - 64);
        } else {
            out.writeByte((fmt << 6) | 1);
            out.writeShortLE(csid - 64);
        }
    }

    static int basicHeaderSize(int csid) {
        return csid < 64 ? 1 : csid < 320 ? 2 : 3;
    }
}
