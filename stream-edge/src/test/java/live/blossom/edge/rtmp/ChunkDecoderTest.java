package live.blossom.edge.rtmp;

import static live.blossom.edge.rtmp.Bytes.bytes;
import static live.blossom.edge.rtmp.Bytes.concat;
import static live.blossom.edge.rtmp.Bytes.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The chunk decoder")
class ChunkDecoderTest {

    static List<RtmpMessage> decode(byte[] input, int... splits) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder());
        int from = 0;
        for (int split : splits) {
            ch.writeInbound(Unpooled.wrappedBuffer(input, from, split - from));
            from = split;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(input, from, input.length - from));
        List<RtmpMessage> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add((RtmpMessage) m);
        }
        ch.finishAndReleaseAll();
        return out;
    }

    /** Decodes whole, split at every position, and byte by byte; all must agree. Messages are released. */
    static List<String> decodeEverySplit(byte[] input) {
        List<RtmpMessage> whole = decode(input);
        List<String> expected = describe(whole);
        for (int i = 1; i < input.length; i++) {
            assertThat(describe(decode(input, i))).as("split at %d", i).isEqualTo(expected);
        }
        int[] everyByte = new int[input.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(describe(decode(input, everyByte))).as("byte by byte").isEqualTo(expected);
        return expected;
    }

    /** A readable form of messages (payloads as hex), releasing them. */
    static List<String> describe(List<RtmpMessage> messages) {
        List<String> out = new ArrayList<>();
        for (RtmpMessage m : messages) {
            if (m instanceof MediaPayload p) {
                out.add(m.getClass().getSimpleName() + "(stream=" + m.streamId() + ", ts=" + m.timestamp() + ", "
                        + io.netty.buffer.ByteBufUtil.hexDump(p.payload()) + ")");
            } else {
                out.add(m.toString());
            }
            ReferenceCountUtil.release(m);
        }
        return out;
    }

    @Test
    @DisplayName("reads a type-0 header into a video message with its timestamp, stream and payload")
    void type0() {
        assertThat(decodeEverySplit(ChunkVectors.VIDEO_TYPE0))
                .containsExactly("VideoMessage(stream=1, ts=1000, 1701000000)");
    }

    @Test
    @DisplayName("applies type-1, type-2 and type-3 headers as deltas on the chunk stream's last message")
    void deltas() {
        assertThat(decodeEverySplit(ChunkVectors.AUDIO_TYPES_0_1_2_3)).containsExactly(
                "AudioMessage(stream=1, ts=100, af00)",
                "AudioMessage(stream=1, ts=133, af0121)",
                "AudioMessage(stream=1, ts=166, af0122)",
                "AudioMessage(stream=1, ts=199, af0123)");
    }

    @Test
    @DisplayName("reads extended timestamps, repeated on type-3 continuation chunks or not")
    void extendedTimestamp() {
        assertThat(decodeEverySplit(ChunkVectors.EXTENDED_REPEATED))
                .containsExactly("VideoMessage(stream=1, ts=19088743, " + "27".repeat(130) + ")");
        assertThat(decodeEverySplit(ChunkVectors.EXTENDED_NOT_REPEATED))
                .containsExactly("VideoMessage(stream=1, ts=19088743, " + "27".repeat(132) + ")");
    }

    @Test
    @DisplayName("carries timestamps past the 24-bit field when deltas cross it")
    void wrap() {
        assertThat(decodeEverySplit(ChunkVectors.WRAP_24_BIT))
                .containsExactly("AudioMessage(stream=1, ts=16777200, af)", "AudioMessage(stream=1, ts=16777232, af)");
    }

    @Test
    @DisplayName("switches to the peer's new chunk size for the chunks after Set Chunk Size")
    void chunkSize() {
        assertThat(decodeEverySplit(ChunkVectors.CHUNK_SIZE_CHANGE))
                .containsExactly("SetChunkSize[size=4096]", "VideoMessage(stream=1, ts=0, " + "27".repeat(200) + ")");
    }

    @Test
    @DisplayName("drops a half-received message on Abort and reads the next one on that chunk stream")
    void abort() {
        assertThat(decodeEverySplit(ChunkVectors.ABORT))
                .containsExactly("Abort[chunkStreamId=6]", "VideoMessage(stream=1, ts=10, 1700)");
    }

    @Test
    @DisplayName("reads window acknowledgement size, peer bandwidth, ping and acknowledgement")
    void control() {
        assertThat(decodeEverySplit(ChunkVectors.CONTROL)).containsExactly(
                "WindowAckSize[size=2500000]",
                "SetPeerBandwidth[size=2500000, limitType=2]",
                "UserControl[event=6, value=12345, extra=0]",
                "Acknowledgement[sequence=65536]");
    }

    @Test
    @DisplayName("reads two- and three-byte basic headers (chunk streams 64 and above)")
    void longBasicHeaders() {
        assertThat(decodeEverySplit(ChunkVectors.LONG_BASIC_HEADERS))
                .containsExactly("AudioMessage(stream=1, ts=1, af)", "AudioMessage(stream=1, ts=2, ae)");
    }

    @Test
    @DisplayName("decodes an AMF0 connect command")
    void command() {
        EmbeddedChannel enc = new EmbeddedChannel(new ChunkEncoder());
        java.util.Map<String, Object> props = new java.util.LinkedHashMap<>();
        props.put("app", "live");
        props.put("tcUrl", "rtmp://127.0.0.1/live");
        enc.writeOutbound(CommandMessage.of(0, "connect", 1, props));
        io.netty.buffer.ByteBuf wire = enc.readOutbound();
        byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(wire);
        wire.release();
        assertThat(decodeEverySplit(bytes)).containsExactly(
                "CommandMessage[streamId=0, timestamp=0, name=connect, transactionId=1.0, arguments=[{app=live, tcUrl=rtmp://127.0.0.1/live}]]");
    }

    @Test
    @DisplayName("refuses a message over the size limit, then discards the rest of the connection")
    void messageOverLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(65536, 100, 8, Amf0Reader.Limits.DEFAULT));
        byte[] big = bytes(0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x65, 0x09, 0x01, 0x00, 0x00, 0x00, "length 101 > 100");
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(big)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("exceeds the limit");
        ch.writeInbound(Unpooled.wrappedBuffer(ChunkVectors.VIDEO_TYPE0));
        assertThat((Object) ch.readInbound()).as("nothing after the error").isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    @DisplayName("refuses a chunk size over the limit")
    void chunkSizeOverLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(4095, 1000, 8, Amf0Reader.Limits.DEFAULT));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(ChunkVectors.CHUNK_SIZE_CHANGE)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("chunk size 4096");
        ch.finishAndReleaseAll();
    }

    @Test
    @DisplayName("refuses more chunk streams than the limit and chunk streams that start without a type-0 header")
    void chunkStreamLimits() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder(65536, 1000, 1, Amf0Reader.Limits.DEFAULT));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(ChunkVectors.LONG_BASIC_HEADERS)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("more than 1 chunk streams");
        ch.finishAndReleaseAll();
        EmbeddedChannel ch2 = new EmbeddedChannel(new ChunkDecoder());
        assertThatThrownBy(() -> ch2.writeInbound(Unpooled.wrappedBuffer(bytes(0x43, "fmt 1 on a new csid", 0, 0, 0, 0, 0, 1, 8))))
                .isInstanceOf(DecoderException.class).hasMessageContaining("starts with a type-1 header");
        ch2.finishAndReleaseAll();
    }

    @Test
    @DisplayName("releases a half-received message when the connection closes")
    void releasesPartialOnClose() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkDecoder());
        byte[] half = concat(bytes(0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC8, 0x09, 0x01, 0x00, 0x00, 0x00), repeat(1, 100));
        ch.writeInbound(Unpooled.wrappedBuffer(half));
        assertThat(ch.finishAndReleaseAll()).isFalse(); // paranoid leak detection reports any leak
    }
}
