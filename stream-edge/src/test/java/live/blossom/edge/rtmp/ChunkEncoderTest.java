package live.blossom.edge.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The chunk encoder")
class ChunkEncoderTest {

    static byte[] encode(Object... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(new ChunkEncoder());
        for (Object m : messages) {
            ch.writeOutbound(m);
        }
        List<byte[]> parts = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            parts.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        ch.finishAndReleaseAll();
        return Bytes.concat(parts.toArray(new byte[0][]));
    }

    @Test
    @DisplayName("writes a message with a type-0 header, byte for byte as the decoder's vector")
    void type0() {
        assertThat(encode(new VideoMessage(1, 1000, Unpooled.wrappedBuffer(ChunkVectors.VIDEO_PAYLOAD))))
                .isEqualTo(ChunkVectors.VIDEO_TYPE0);
    }

    @Test
    @DisplayName("writes an extended timestamp and repeats it on each continuation chunk")
    void extended() {
        assertThat(encode(new VideoMessage(1, 0x01234567, Unpooled.wrappedBuffer(Bytes.repeat(0x27, 130)))))
                .isEqualTo(ChunkVectors.EXTENDED_REPEATED);
    }

    @Test
    @DisplayName("switches to a new chunk size after encoding Set Chunk Size")
    void chunkSize() {
        assertThat(encode(new SetChunkSize(4096), new VideoMessage(1, 0, Unpooled.wrappedBuffer(Bytes.repeat(0x27, 200)))))
                .isEqualTo(ChunkVectors.CHUNK_SIZE_CHANGE);
    }

    @Test
    @DisplayName("writes protocol control messages as the decoder reads them")
    void control() {
        assertThat(encode(new WindowAckSize(2_500_000), new SetPeerBandwidth(2_500_000, 2),
                new UserControl(UserControl.PING_REQUEST, 12345, 0), new Acknowledgement(65536)))
                .isEqualTo(ChunkVectors.CONTROL);
    }

    @Test
    @DisplayName("shares one chunked body between viewers: header plus shared body equals the full encoding")
    void sharedBody() {
        byte[] payload = Bytes.repeat(0x27, 130);
        ByteBuf out = Unpooled.buffer();
        ChunkEncoder.writeType0Header(out, 6, 9, 1, 1000, 130);
        ChunkEncoder.writeSharedBody(out, 6, Unpooled.wrappedBuffer(payload), 128);
        assertThat(out.readableBytes()).isEqualTo(12 + ChunkEncoder.sharedBodySize(6, 130, 128));
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(encode(new VideoMessage(1, 1000, Unpooled.wrappedBuffer(payload))));
    }

    @Test
    @DisplayName("writes a type-1 header: the time since the chunk stream's last message, length and type; no extended delta")
    void type1() {
        ByteBuf out = Unpooled.buffer();
        ChunkEncoder.writeType1Header(out, 6, 9, 33, 3);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(Bytes.bytes(0x46, "fmt 1, csid 6", 0x00, 0x00, 0x21, "delta 33",
                0x00, 0x00, 0x03, "length 3", 0x09, "video"));
        assertThat(out.readableBytes()).isEqualTo(ChunkEncoder.type1HeaderSize(6));
        assertThatThrownBy(() -> ChunkEncoder.writeType1Header(out, 6, 9, 0xFFFFFF, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
