package live.blossom.edge.flv;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Where a viewer's FLV bytes go: an HTTP response body or WebSocket binary frames. */
interface FlvSink {

    Future<Void> write(Buffer bytes);

    /** A clean end of stream after the last bytes. */
    void end(Buffer last);

    void abort();
}
