package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/** A message that owns a payload buffer; releasing the message releases the payload. */
public interface MediaPayload extends ReferenceCounted {

    ByteBuf payload();

    @Override
    default int refCnt() {
        return payload().refCnt();
    }

    @Override
    default ReferenceCounted retain() {
        payload().retain();
        return this;
    }

    @Override
    default ReferenceCounted retain(int increment) {
        payload().retain(increment);
        return this;
    }

    @Override
    default ReferenceCounted touch() {
        payload().touch();
        return this;
    }

    @Override
    default ReferenceCounted touch(Object hint) {
        payload().touch(hint);
        return this;
    }

    @Override
    default boolean release() {
        return payload().release();
    }

    @Override
    default boolean release(int decrement) {
        return payload().release(decrement);
    }
}
