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

    @Test
    @DisplayName("a whole batch inflates to its text, and its head alone still gives the sequence range")
    void wholeAndHead() throws Exception {
        StringBuilder json = new StringBuilder("{\"type\":\"batch\",\"room\":\"bench\",\"first\":4001,\"last\":4140,\"skipped\":0,\"messages\":[");
        for (int i = 0; i < 140; i++) {
            json.append(i == 0 ? "" : ",").append("{\"seq\":").append(4001 + i).append(",\"text\":\"t=").append(1_765_000_000_000_000L + i * 20_011L).append("\"}");
        }
        String text = json.append("]}").toString();
        ByteBuf payload = compressed(text);
        ByteBuf whole = FrameInflate.inflate(payload, Integer.MAX_VALUE);
        assertThat(whole.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        java.util.List<Long> stamps = new java.util.ArrayList<>();
        FrameScan.stamps(whole, 0, stamps::add);
        assertThat(stamps).hasSize(140).startsWith(1_765_000_000_000_000L);

        ByteBuf head = FrameInflate.inflate(payload, FrameInflate.HEAD);
        assertThat(head.readableBytes()).isEqualTo(FrameInflate.HEAD);
        assertThat(FrameScan.startsWith(head, FrameScan.BATCH)).isTrue();
        assertThat(FrameScan.number(head, FrameScan.after(head, FrameScan.LAST, 0))).isEqualTo(4140);
        payload.release();
    }
}
