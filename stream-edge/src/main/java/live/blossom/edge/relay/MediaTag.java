package live.blossom.edge.relay;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

/**
 * The relay's neutral unit: one audio, video or metadata tag on the stream's continuous
 * timeline, with its payload (the FLV tag body) and each output format's shared encoding.
 * Reference counted: the GOP cache and every batch in flight hold a reference; viewers write
 * retained duplicates of the encodings. Immutable once published.
 */
public final class MediaTag extends AbstractReferenceCounted {

    private final TagKind kind;
    private final long timestamp;
    private final long sincePrevious;
    private final boolean keyframe;
    private final boolean config;
    private final ByteBuf payload;
    private final ByteBuf[] encodings;

    MediaTag(TagKind kind, long timestamp, long sincePrevious, boolean keyframe, boolean config, ByteBuf payload,
            int formats) {
        this.kind = kind;
        this.timestamp = timestamp;
        this.sincePrevious = sincePrevious;
        this.keyframe = keyframe;
        this.config = config;
        this.payload = payload;
        this.encodings = new ByteBuf[formats];
    }

    public TagKind kind() {
        return kind;
    }

    /** Milliseconds on the stream's timeline (continuous across publisher reconnects). */
    public long timestamp() {
        return timestamp;
    }

    /**
     * Milliseconds since the stream's previous tag of the same kind (audio or video), or -1 for
     * the first one and for metadata. A viewer that got that previous tag at the same distance
     * can be sent this one with a header relative to it, which all such viewers share.
     */
    public long sincePrevious() {
        return sincePrevious;
    }

    /** A video keyframe: where a viewer may start or resume. */
    public boolean keyframe() {
        return keyframe;
    }

    /** Metadata or a codec sequence header: every viewer needs it, it is never skipped. */
    public boolean config() {
        return config;
    }

    /** The FLV tag body as the publisher sent it (do not modify). */
    public ByteBuf payload() {
        return payload;
    }

    public int length() {
        return payload.readableBytes();
    }

    /** The shared bytes of output format {@code index}. */
    public ByteBuf encoding(int index) {
        return encodings[index];
    }

    void encode(OutputFormat[] formats, io.netty.buffer.ByteBufAllocator alloc) {
        for (int i = 0; i < formats.length; i++) {
            encodings[i] = formats[i].encode(this, alloc);
        }
    }

    @Override
    protected void deallocate() {
        payload.release();
        for (ByteBuf b : encodings) {
            if (b != null) {
                b.release();
            }
        }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }
}
