package live.blossom.edge.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

/**
 * Feeds arbitrary bytes, split in two at an arbitrary point, to the chunk decoder. Protocol
 * errors are expected; anything else (another exception, a hang, a buffer not released) fails.
 * Under {@code mvn verify} it runs the seed vectors and a short fuzzing run; the long run is
 * documented in docs/stream-edge.md.
 */
class ChunkDecoderFuzzTest {

    // Unpooled with metrics: used memory returns to 0 only if every buffer was released.
    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false, false, true);

    @FuzzTest(maxDuration = "15s")
    void decode(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(ALLOC);
        ch.pipeline().addLast(new ChunkDecoder(4096, 64 * 1024, 8, new Amf0Reader.Limits(8, 256)));
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % input.length;
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(input, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
        } catch (DecoderException expected) {
            // a malformed stream is refused; the decoder must still release what it holds
        }
        for (Object m; (m = ch.readInbound()) != null; ) {
            ReferenceCountUtil.release(m);
        }
        try {
            ch.finishAndReleaseAll(); // closing runs the decoder once more on what is left
        } catch (DecoderException expected) {
            // as above
        }
        long used = ALLOC.metric().usedHeapMemory() + ALLOC.metric().usedDirectMemory();
        if (used != 0) {
            throw new IllegalStateException("leaked " + used + " bytes");
        }
    }
}
