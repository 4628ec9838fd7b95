package live.blossom.edge.rtmp;

import io.netty.handler.codec.CorruptedFrameException;

/** The peer broke the chunk protocol or a limit; the decoder discards all further input. */
public final class RtmpProtocolException extends CorruptedFrameException {

    public RtmpProtocolException(String message) {
        super(message);
    }
}
