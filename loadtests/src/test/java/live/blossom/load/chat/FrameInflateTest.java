package live.blossom.load.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The swarm's inflating of compressed batches")
class FrameInflateTest {

    static ByteBuf compressed(String text) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[text.length() + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Unpooled.directBuffer().writeBytes(out, 0, n - 4); // the wire leaves off 00 00 ff ff
    }

    static String batch(long first, int lines) {
        StringBuilder json = new StringBuilder("{\"type\":\"batch\",\"room\":\"bench\",\"first\":").append(first)
                .append(",\"last\":").append(first + lines - 1).append(",\"skipped\":0,\"messages\":[");
        for (int i = 0; i < lines; i++) {
            json.append(i == 0 ? "" : ",").append("{\"seq\":").append(first + i).append(",\"text\":\"t=").append(1_765_000_000_000_000L + i * 20_011L).append("\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    @DisplayName("a batch inflates to its text, with every line's send time")
    void wholeBatch() throws Exception {
        String text = batch(4001, 140);
        ByteBuf payload = compressed(text);
        ByteBuf whole = FrameInflate.inflate(payload);
        assertThat(whole.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        java.util.List<Long> stamps = new java.util.ArrayList<>();
        FrameScan.stamps(whole, 0, stamps::add);
        assertThat(stamps).hasSize(140).startsWith(1_765_000_000_000_000L);
        payload.release();
    }

    @Test
    @DisplayName("the same bytes again give the same text, and other messages of the same size their own")
    void rememberedMessagesAreMatchedByTheirBytes() throws Exception {
        // Sequences of the same width compress to payloads of about the same size: some of the
        // same length, which must not be taken for one another.
        java.util.List<String> texts = new java.util.ArrayList<>();
        java.util.List<ByteBuf> payloads = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            texts.add(batch(5001 + i * 140L, 140));
            payloads.add(compressed(texts.get(i)));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < texts.size(); i++) {
                // Each message twice in a row: once inflated, once remembered.
                assertThat(FrameInflate.inflate(payloads.get(i)).toString(StandardCharsets.UTF_8)).isEqualTo(texts.get(i));
                ByteBuf copy = Unpooled.copiedBuffer(payloads.get(i));
                assertThat(FrameInflate.inflate(copy).toString(StandardCharsets.UTF_8)).isEqualTo(texts.get(i));
                copy.release();
            }
        }
        payloads.forEach(ByteBuf::release);
    }

    @Test
    @DisplayName("corrupt data is an error, not a text")
    void corruptData() {
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x11});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FrameInflate.inflate(junk))
                .isInstanceOf(java.util.zip.DataFormatException.class);
    }
}
