package live.blossom.edge.rtmp;

import io.netty.handler.codec.DecoderException;

/** Malformed or over-limit AMF0 data: the message is rejected and the connection closed. */
public final class Amf0Exception extends DecoderException {

    public Amf0Exception(String message) {
        super(message);
    }
}
