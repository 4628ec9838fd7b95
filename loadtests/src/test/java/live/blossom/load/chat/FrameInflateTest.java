package live.blossom.load.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The swarm's inflating of compressed batches")
class FrameInflateTest {

    /** Compressed as a node puts it on the wire (RFC 7692: raw deflate, sync flush, tail left off). */
    static ByteBuf compressed(String text) {
        return Unpooled.directBuffer().writeBytes(ReadPathWarmUp.deflated(text));
    }

    static String batch(long first, int lines) {
        return ReadPathWarmUp.batch(first, lines, 1_765_000_000_000_000L);
    }

    @Test
    @DisplayName("a batch inflates to its text, with every line's send time")
    void wholeBatch() throws Exception {
        String text = batch(4001, 140);
        ByteBuf payload = compressed(text);
        ByteBuf whole = FrameInflate.inflate(payload);
        assertThat(whole.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(FrameScan.stamps(whole, 0)).hasSize(140).startsWith(1_765_000_000_000_000L);
        payload.release();
    }

    @Test
    @DisplayName("corrupt data is an error, not a text")
    void corruptData() {
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x11});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrameInflate.inflate(junk))
                .isInstanceOf(java.util.zip.DataFormatException.class);
    }
}
