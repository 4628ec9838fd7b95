package live.blossom.edge.flv;

import io.netty.buffer.ByteBuf;

/**
 * Where a viewer's FLV bytes go: the body of a chunked HTTP response or WebSocket binary
 * frames. Every method runs on the connection's event loop and takes ownership of the bytes.
 */
interface FlvSink {

    /** One batch, written and flushed. */
    void write(ByteBuf batch);

    /** A clean end of stream after the last bytes. */
    void end(ByteBuf last);

    /** The viewer could not keep up: say so if the protocol can, and drop the connection. */
    void abort();
}
