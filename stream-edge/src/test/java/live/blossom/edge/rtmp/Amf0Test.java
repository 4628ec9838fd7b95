package live.blossom.edge.rtmp;

import static live.blossom.edge.rtmp.Bytes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AMF0")
class Amf0Test {

    /** {@code "connect", 1.0, {app: "live"}} as FFmpeg sends it (shortened). */
    static final byte[] CONNECT = bytes(
            0x02, 0x00, 0x07, 'c', 'o', 'n', 'n', 'e', 'c', 't', "string 'connect'",
            0x00, 0x3F, 0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, "number 1.0",
            0x03, "object",
            0x00, 0x03, 'a', 'p', 'p', "key 'app'",
            0x02, 0x00, 0x04, 'l', 'i', 'v', 'e', "string 'live'",
            0x00, 0x00, 0x09, "object end");

    @Test
    @DisplayName("reads a connect command's values and writes them back byte for byte")
    void connect() {
        List<Object> values = new Amf0Reader().readAll(Unpooled.wrappedBuffer(CONNECT));
        assertThat(values).containsExactly("connect", 1.0, Map.of("app", "live"));
        ByteBuf out = Unpooled.buffer();
        Amf0Writer.writeAll(out, values);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(CONNECT);
    }

    @Test
    @DisplayName("round-trips every type it knows: boolean, null, undefined, ECMA array, strict array, date, long string")
    void roundTrip() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 320.0);
        meta.put("stereo", false);
        List<Object> in = Arrays.asList(true, null, Amf0.UNDEFINED_VALUE, new Amf0.EcmaArray(meta),
                List.of(1.0, "two"), java.time.Instant.ofEpochMilli(1_700_000_000_000L), "x".repeat(70_000));
        ByteBuf out = Unpooled.buffer();
        Amf0Writer.writeAll(out, in);
        List<Object> back = new Amf0Reader().readAll(out);
        assertThat(back).hasSize(in.size());
        assertThat(back.get(0)).isEqualTo(true);
        assertThat(back.get(1)).isNull();
        assertThat(back.get(2)).isSameAs(Amf0.UNDEFINED_VALUE);
        assertThat(back.get(3)).isEqualTo(meta);
        assertThat(back.get(4)).isEqualTo(List.of(1.0, "two"));
        assertThat(back.get(5)).isEqualTo(in.get(5));
        assertThat(back.get(6)).isEqualTo(in.get(6));
    }

    @Test
    @DisplayName("refuses truncated values, nesting past the depth limit, too many values and references")
    void limits() {
        for (int cut = 1; cut < CONNECT.length - 1; cut++) {
            if (cut == 10 || cut == 19) {
                continue; // between two whole values: a valid shorter command
            }
            byte[] part = Arrays.copyOf(CONNECT, cut);
            int at = cut;
            assertThatThrownBy(() -> new Amf0Reader().readAll(Unpooled.wrappedBuffer(part)))
                    .as("cut at %d", at).isInstanceOf(Amf0Exception.class);
        }
        ByteBuf nested = Unpooled.buffer();
        for (int i = 0; i < 20; i++) {
            nested.writeByte(0x0A).writeInt(1);
        }
        nested.writeByte(0x05);
        assertThatThrownBy(() -> new Amf0Reader(16, 100).read(nested)).hasMessageContaining("deeper than 16");
        ByteBuf many = Unpooled.buffer();
        for (int i = 0; i < 11; i++) {
            many.writeByte(0x05);
        }
        assertThatThrownBy(() -> new Amf0Reader(16, 10).readAll(many)).hasMessageContaining("more than 10");
        assertThatThrownBy(() -> new Amf0Reader().read(Unpooled.wrappedBuffer(bytes(0x07, 0x00, 0x01))))
                .hasMessageContaining("unsupported AMF0 marker 0x7");
        assertThatThrownBy(() -> new Amf0Reader().read(Unpooled.wrappedBuffer(bytes(0x0A, 0x7F, 0xFF, 0xFF, 0xFF))))
                .hasMessageContaining("strict array too long");
    }
}
