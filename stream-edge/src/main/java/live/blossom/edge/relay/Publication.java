package live.blossom.edge.relay;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * A publisher's handle on its stream: what ingest (RTMP today) calls with each tag. Knows no
 * protocol. Payload ownership passes to the relay.
 */
public final class Publication {

    private final LiveStream stream;
    private final Object token;

    Publication(LiveStream stream, Object token) {
        this.stream = stream;
        this.token = token;
    }

    Object token() {
        return token;
    }

    public LiveStream stream() {
        return stream;
    }

    public void audio(long timestamp, ByteBuf payload) {
        stream.ingest(token, TagKind.AUDIO, timestamp, payload);
    }

    public void video(long timestamp, ByteBuf payload) {
        stream.ingest(token, TagKind.VIDEO, timestamp, payload);
    }

    /** An onMetaData body (the AMF0 bytes "onMetaData", {...}) and its decoded values. */
    public void metadata(ByteBuf amf, Map<?, ?> values) {
        stream.metadataValues(values);
        stream.ingest(token, TagKind.DATA, 0, amf);
    }

    /** The connection dropped: viewers wait for the grace period. */
    public void lost() {
        stream.orphan(token);
    }

    /** The publisher stopped on purpose (or its permit ended): viewers get end of stream now. */
    public void end() {
        stream.end(token);
    }
}
