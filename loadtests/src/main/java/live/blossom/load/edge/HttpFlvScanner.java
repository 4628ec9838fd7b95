package live.blossom.load.edge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads an HTTP-FLV response as its bytes arrive, without copying or aggregating them: the
 * status line, the chunk framing and each FLV tag header are read byte by byte; a tag body is
 * skipped but for the two places a viewer checks (its second byte, which says whether a video
 * tag is a sequence header, and its last 8 bytes, where the bench publisher puts its clock).
 * The swarm shares the machine with the server, so what it spends per byte is taken from it.
 */
final class HttpFlvScanner extends ChannelInboundHandlerAdapter {

    /** What the scanner reports. Called on the connection's event loop. */
    interface Listener {
        /** A complete tag: FLV type, timestamp, body length, body byte 1 (-1 if none), last 8 body bytes. */
        void tag(int type, long timestamp, int length, int secondByte, long lastLong);

        /** The response was not 200, or its body ended with the terminating chunk. */
        void end(boolean ok);
    }

    private enum Http { STATUS, HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, DONE }

    private enum Flv { FILE_HEADER, TAG_HEADER, BODY, PREVIOUS_SIZE }

    private static final int FILE_HEADER = 13; // "FLV", version, flags, header size, PreviousTagSize0

    private final Listener listener;
    private Http http = Http.STATUS;
    private int status;
    private int statusChars;
    private int headMatch; // how much of "\r\n\r\n" was seen at the end of the head
    private int chunkLeft;
    private boolean chunkSizeDone;
    private int crlfLeft;

    private Flv flv = Flv.FILE_HEADER;
    private int left = FILE_HEADER;
    private final byte[] tagHeader = new byte[11];
    private int type;
    private long timestamp;
    private int length;
    private int offset;
    private int secondByte;
    private long lastLong;

    HttpFlvScanner(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable() && http != Http.DONE) {
                step(ctx, in);
            }
        } finally {
            in.release();
        }
    }

    private void step(ChannelHandlerContext ctx, ByteBuf in) {
        switch (http) {
            case STATUS -> {
                // "HTTP/1.1 200": the code is characters 9 to 11.
                int c = in.readByte();
                if (statusChars >= 9 && statusChars < 12) {
                    status = status * 10 + (c - '0');
                }
                if (++statusChars == 12) {
                    if (status != 200) {
                        http = Http.DONE;
                        listener.end(false);
                        ctx.close();
                        return;
                    }
                    http = Http.HEAD;
                }
            }
            case HEAD -> {
                int c = in.readByte();
                headMatch = (c == '\r' && (headMatch & 1) == 0) || (c == '\n' && (headMatch & 1) == 1) ? headMatch + 1
                        : c == '\r' ? 1 : 0;
                if (headMatch == 4) {
                    http = Http.CHUNK_SIZE;
                }
            }
            case CHUNK_SIZE -> {
                int c = in.readByte();
                if (c == '\n') {
                    if (chunkLeft == 0) {
                        http = Http.DONE;
                        listener.end(true);
                        return;
                    }
                    http = Http.CHUNK_DATA;
                    chunkSizeDone = false;
                } else if (c == ';' || c == '\r') {
                    chunkSizeDone = true; // extensions, then the line's end
                } else if (!chunkSizeDone) {
                    chunkLeft = chunkLeft * 16 + Character.digit(c, 16);
                }
            }
            case CHUNK_DATA -> {
                int n = Math.min(chunkLeft, in.readableBytes());
                body(in, in.readerIndex(), n);
                in.skipBytes(n);
                chunkLeft -= n;
                if (chunkLeft == 0) {
                    http = Http.CHUNK_CRLF;
                    crlfLeft = 2;
                }
            }
            case CHUNK_CRLF -> {
                in.skipBytes(1);
                if (--crlfLeft == 0) {
                    http = Http.CHUNK_SIZE;
                }
            }
            default -> in.skipBytes(in.readableBytes());
        }
    }

    /** FLV bytes {@code [from, from + n)} of {@code in}. */
    private void body(ByteBuf in, int from, int n) {
        int end = from + n;
        int i = from;
        while (i < end) {
            switch (flv) {
                case FILE_HEADER, PREVIOUS_SIZE -> {
                    int k = Math.min(left, end - i);
                    i += k;
                    left -= k;
                    if (left == 0) {
                        flv = Flv.TAG_HEADER;
                        left = 11;
                    }
                }
                case TAG_HEADER -> {
                    tagHeader[11 - left] = in.getByte(i++);
                    if (--left == 0) {
                        type = tagHeader[0] & 0x1F;
                        length = (tagHeader[1] & 0xFF) << 16 | (tagHeader[2] & 0xFF) << 8 | (tagHeader[3] & 0xFF);
                        timestamp = (tagHeader[4] & 0xFFL) << 16 | (tagHeader[5] & 0xFFL) << 8 | (tagHeader[6] & 0xFFL)
                                | (tagHeader[7] & 0xFFL) << 24;
                        offset = 0;
                        secondByte = -1;
                        lastLong = 0;
                        flv = Flv.BODY;
                        left = length;
                        if (length == 0) {
                            tagDone();
                        }
                    }
                }
                case BODY -> {
                    int k = Math.min(left, end - i);
                    // Only the two places that are checked are read.
                    if (offset <= 1 && offset + k > 1) {
                        secondByte = in.getByte(i + 1 - offset) & 0xFF;
                    }
                    int stampFrom = Math.max(offset, length - 8);
                    for (int o = stampFrom; o < offset + k; o++) {
                        lastLong = lastLong << 8 | (in.getByte(i + o - offset) & 0xFF);
                    }
                    i += k;
                    offset += k;
                    left -= k;
                    if (left == 0) {
                        tagDone();
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void tagDone() {
        listener.tag(type, timestamp, length, secondByte, lastLong);
        flv = Flv.PREVIOUS_SIZE;
        left = 4;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
