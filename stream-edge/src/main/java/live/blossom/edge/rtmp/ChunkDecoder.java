package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Reassembles RTMP chunks into {@link RtmpMessage}s (RTMP 1.0 §5.3). A resumable state
 * machine: on partial input it returns and continues where it stopped. Handles all four
 * header types, extended timestamps (also repeated on type-3 continuation chunks, or not, as
 * some encoders do), timestamps past the 24-bit field, Set Chunk Size and Abort (applied
 * here, since they change how the following bytes are read; they are passed on as well).
 * After a protocol error or a limit hit it throws once and then discards everything.
 *
 * <p>Payloads are copied once, from the cumulation into a buffer per message; media messages
 * hand that buffer on without a further copy.
 */
public final class ChunkDecoder extends ByteToMessageDecoder {

    /** Largest chunk size a peer may announce. OBS and FFmpeg use 4096; Adobe servers up to 65536. */
    public static final int DEFAULT_MAX_CHUNK_SIZE = 1 << 20;
    /** Largest message: a 4K keyframe at a high bitrate still fits. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 << 20;
    /** Chunk streams a peer may use at once; clients use fewer than ten. */
    public static final int DEFAULT_MAX_CHUNK_STREAMS = 64;

    private static final int[] HEADER_LENGTH = {11, 7, 3, 0};
    private static final long EXTENDED = 0xFFFFFF;

    private enum State { BASIC_HEADER, MESSAGE_HEADER, EXTENDED_TIMESTAMP, PAYLOAD, BROKEN }

    private final int maxChunkSize;
    private final int maxMessageSize;
    private final int maxChunkStreams;
    private final Amf0Reader.Limits amfLimits;
    private final ChunkStreams streams;

    private State state = State.BASIC_HEADER;
    private int chunkSize = 128;
    // The chunk being read.
    private int fmt;
    private ChunkStream current;
    private long timestampField;
    private int chunkLeft;

    public ChunkDecoder(int maxChunkSize, int maxMessageSize, int maxChunkStreams, Amf0Reader.Limits amfLimits) {
        if (maxChunkSize < 128 || maxMessageSize < 1 || maxChunkStreams < 1 || maxChunkStreams > 65599) {
            throw new IllegalArgumentException("bad limits");
        }
        this.maxChunkSize = maxChunkSize;
        this.maxMessageSize = maxMessageSize;
        this.maxChunkStreams = maxChunkStreams;
        this.amfLimits = amfLimits;
        this.streams = new ChunkStreams();
    }

    public ChunkDecoder() {
        this(DEFAULT_MAX_CHUNK_SIZE, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_CHUNK_STREAMS, Amf0Reader.Limits.DEFAULT);
    }

    /** The peer's current chunk size. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case BROKEN -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                case BASIC_HEADER -> {
                    if (!readBasicHeader(in)) {
                        return;
                    }
                }
                case MESSAGE_HEADER -> {
                    if (!readMessageHeader(in)) {
                        return;
                    }
                }
                case EXTENDED_TIMESTAMP -> {
                    if (!readExtendedTimestamp(ctx, in, out)) {
                        return;
                    }
                }
                case PAYLOAD -> {
                    if (!readPayload(ctx, in, out)) {
                        return;
                    }
                }
            }
        }
    }

    private boolean readBasicHeader(ByteBuf in) {
        if (!in.isReadable()) {
            return false;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        int low = first & 0x3F;
        int size = low == 0 ? 2 : low == 1 ? 3 : 1;
        if (in.readableBytes() < size) {
            return false;
        }
        in.skipBytes(1);
        fmt = first >>> 6;
        int csid = switch (low) {
            case 0 -> 64 + in.readUnsignedByte();
            case 1 -> 64 + in.readUnsignedShortLE();
            default -> low;
        };
        ChunkStream cs = streams.get(csid);
        if (cs == null) {
            if (streams.size() >= maxChunkStreams) {
                throw fail("more than " + maxChunkStreams + " chunk streams");
            }
            if (fmt != 0) {
                throw fail("chunk stream " + csid + " starts with a type-" + fmt + " header");
            }
            cs = streams.create(csid);
        }
        current = cs;
        state = State.MESSAGE_HEADER;
        return true;
    }

    private boolean readMessageHeader(ByteBuf in) {
        if (in.readableBytes() < HEADER_LENGTH[fmt]) {
            return false;
        }
        ChunkStream cs = current;
        if (fmt < 3) {
            timestampField = in.readUnsignedMedium();
            if (fmt < 2) {
                cs.pendingLength = in.readUnsignedMedium();
                cs.pendingType = in.readUnsignedByte();
                if (fmt == 0) {
                    cs.pendingStreamId = in.readIntLE();
                }
            }
            if (cs.partial != null) {
                // A new header while a message is incomplete: the peer gave up on it without Abort.
                cs.discardPartial();
            }
        }
        state = State.EXTENDED_TIMESTAMP;
        return true;
    }

    private boolean readExtendedTimestamp(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ChunkStream cs = current;
        boolean continuation = fmt == 3 && cs.partial != null;
        long field;
        if (fmt < 3) {
            if (timestampField == EXTENDED) {
                if (in.readableBytes() < 4) {
                    return false;
                }
                field = in.readUnsignedInt();
            } else {
                field = timestampField;
            }
            cs.extended = timestampField == EXTENDED;
        } else if (cs.extended) {
            if (in.readableBytes() < 4) {
                return false;
            }
            if (continuation) {
                // The spec repeats the extended timestamp on continuation chunks; some encoders
                // leave it out. Take it only when it is there.
                if (in.getUnsignedInt(in.readerIndex()) == cs.extendedValue) {
                    in.skipBytes(4);
                }
                field = cs.delta;
            } else {
                field = in.readUnsignedInt();
            }
        } else {
            field = cs.delta;
        }
        if (cs.extended && !continuation) {
            cs.extendedValue = field;
        }
        if (!continuation) {
            startMessage(ctx, cs, field);
        }
        int remaining = cs.length - cs.received;
        chunkLeft = Math.min(remaining, chunkSize);
        state = State.PAYLOAD;
        if (remaining == 0) {
            // An empty message has no payload bytes at all.
            emit(ctx, cs, out);
            state = State.BASIC_HEADER;
        }
        return true;
    }

    private void startMessage(ChannelHandlerContext ctx, ChunkStream cs, long field) {
        switch (fmt) {
            case 0 -> {
                cs.timestamp = field;
                cs.delta = field; // a following type-3 header reuses it as its delta (§5.3.1.2.4)
                cs.length = cs.pendingLength;
                cs.type = cs.pendingType;
                cs.streamId = cs.pendingStreamId;
            }
            case 1 -> {
                cs.delta = field;
                cs.timestamp = (cs.timestamp + field) & 0xFFFFFFFFL;
                cs.length = cs.pendingLength;
                cs.type = cs.pendingType;
            }
            default -> {
                cs.delta = field;
                cs.timestamp = (cs.timestamp + field) & 0xFFFFFFFFL;
            }
        }
        if (cs.length > maxMessageSize) {
            throw fail("message of " + cs.length + " bytes exceeds the limit of " + maxMessageSize);
        }
        cs.received = 0;
        if (cs.length > 0) {
            cs.partial = ctx.alloc().buffer(Math.min(cs.length, 65536), cs.length);
        }
    }

    private boolean readPayload(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ChunkStream cs = current;
        int n = Math.min(chunkLeft, in.readableBytes());
        if (n > 0) {
            cs.partial.writeBytes(in, n);
            cs.received += n;
            chunkLeft -= n;
        }
        if (chunkLeft > 0) {
            return false;
        }
        if (cs.received == cs.length) {
            emit(ctx, cs, out);
        }
        state = State.BASIC_HEADER;
        return true;
    }

    private void emit(ChannelHandlerContext ctx, ChunkStream cs, List<Object> out) {
        ByteBuf payload = cs.partial;
        cs.partial = null;
        if (payload == null) {
            payload = ctx.alloc().buffer(0, 0);
        }
        RtmpMessage message;
        try {
            message = MessageReader.read(cs.type, cs.streamId, cs.timestamp, payload, amfLimits);
        } catch (RuntimeException e) {
            // The reader released the payload already.
            state = State.BROKEN;
            streams.releaseAll();
            throw e;
        }
        if (message instanceof SetChunkSize s) {
            if (s.size() > maxChunkSize) {
                throw fail("peer chunk size " + s.size() + " exceeds the limit of " + maxChunkSize);
            }
            chunkSize = s.size();
        } else if (message instanceof Abort a) {
            ChunkStream aborted = streams.get(a.chunkStreamId());
            if (aborted != null) {
                aborted.discardPartial();
            }
        }
        out.add(message);
    }

    private RtmpProtocolException fail(String why) {
        state = State.BROKEN;
        streams.releaseAll();
        return new RtmpProtocolException(why);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        streams.releaseAll();
    }
}
