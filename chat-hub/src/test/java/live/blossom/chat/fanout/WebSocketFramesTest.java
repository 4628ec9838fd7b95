package live.blossom.chat.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Server frame bytes")
class WebSocketFramesTest {

    static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    @Test
    @DisplayName("RFC 6455 §5.7: an unmasked text frame with 'Hello'")
    void plainHello() {
        ByteBuf frame = WebSocketFrames.text(ALLOC, "Hello");
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("810548656c6c6f");
        frame.release();
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1: 'Hello' compressed, RSV1 set, the sync-flush tail left off")
    void deflatedHello() {
        ByteBuf plain = WebSocketFrames.text(ALLOC, "Hello");
        ByteBuf deflated = WebSocketFrames.deflated(ALLOC, plain);
        assertThat(ByteBufUtil.hexDump(deflated)).isEqualTo("c107f248cdc9c90700");
        plain.release();
        deflated.release();
    }

    @Test
    @DisplayName("a batch-sized frame gets the 16-bit length form and inflates on its own to the same text")
    void largeFrameRoundTrip() throws Exception {
        StringBuilder lines = new StringBuilder("{\"type\":\"batch\",\"messages\":[");
        for (int i = 0; i < 400; i++) {
            lines.append("{\"seq\":").append(1000 + i).append(",\"text\":\"yak milk soap no. ")
                    .append(i * 7919L % 100_003).append("\"},");
        }
        String json = lines.append("{}]}").toString();
        ByteBuf plain = WebSocketFrames.text(ALLOC, json);
        assertThat(WebSocketFrames.payloadLength(plain)).isEqualTo(json.length());
        ByteBuf deflated = WebSocketFrames.deflated(ALLOC, plain);
        assertThat(deflated.getUnsignedByte(0)).isEqualTo((short) 0xC1);
        assertThat(deflated.getUnsignedByte(1)).isEqualTo((short) 126);
        int length = deflated.getUnsignedShort(2);
        assertThat(deflated.readableBytes()).isEqualTo(4 + length);
        assertThat(length).isLessThan(json.length() / 3);
        byte[] payload = new byte[length + 4];
        deflated.getBytes(4, payload, 0, length);
        payload[length + 2] = (byte) 0xff;
        payload[length + 3] = (byte) 0xff;
        Inflater inflater = new Inflater(true);
        inflater.setInput(payload);
        byte[] out = new byte[json.length() + 16];
        int n = inflater.inflate(out);
        inflater.end();
        assertThat(new String(out, 0, n, StandardCharsets.UTF_8)).isEqualTo(json);
        plain.release();
        deflated.release();
    }

    @Test
    @DisplayName("a frame that compression would not shrink is sent plain, one that it would compressed")
    void incompressible() {
        SharedFrame small = new SharedFrame(WebSocketFrames.text(ALLOC, "Hello"));
        Outbound out = new Outbound(new io.netty.channel.embedded.EmbeddedChannel(), 1000);
        out.deflateFrom(0);
        assertThat(small.bytesFor(out).getUnsignedByte(0)).isEqualTo((short) 0x81);
        small.release();
        SharedFrame large = new SharedFrame(WebSocketFrames.text(ALLOC, "Hello, ".repeat(40)));
        assertThat(large.bytesFor(out).getUnsignedByte(0)).isEqualTo((short) 0xC1);
        out.deflateFrom(-1);
        assertThat(large.bytesFor(out).getUnsignedByte(0)).isEqualTo((short) 0x81);
        large.release();
    }
}
