package live.blossom.load.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The swarm reads sequences and send stamps straight from a batch frame's bytes. */
class FrameScanTest {

    private static final String BATCH = "{\"type\":\"batch\",\"room\":\"big-room\",\"first\":41,\"last\":43,\"skipped\":1,"
            + "\"messages\":[{\"seq\":41,\"type\":\"chat\",\"role\":\"viewer\",\"user\":\"u-1\",\"name\":\"a=b\","
            + "\"text\":\"t=1700000000123\",\"cid\":\"1700000000123\",\"at\":5},"
            + "{\"seq\":43,\"type\":\"chat\",\"role\":\"viewer\",\"user\":\"u-2\",\"name\":\"u-2\","
            + "\"text\":\"x=9 t=5\",\"at\":6},"
            + "{\"seq\":42,\"type\":\"chat\",\"role\":\"viewer\",\"user\":\"u-3\",\"name\":\"u-3\","
            + "\"text\":\"t=1700000000456\",\"at\":7}]}";

    private static ByteBuf frame(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.US_ASCII);
    }

    @Test
    void readsTheBatchHeaderNumbers() {
        ByteBuf buf = frame(BATCH);
        assertThat(FrameScan.startsWith(buf, FrameScan.BATCH)).isTrue();
        assertThat(FrameScan.startsWith(buf, FrameScan.JOINED)).isFalse();
        int at = FrameScan.after(buf, FrameScan.FIRST, buf.readerIndex());
        assertThat(FrameScan.number(buf, at)).isEqualTo(41);
        at = FrameScan.after(buf, FrameScan.LAST, at);
        assertThat(FrameScan.number(buf, at)).isEqualTo(43);
        at = FrameScan.after(buf, FrameScan.SKIPPED, at);
        assertThat(FrameScan.number(buf, at)).isEqualTo(1);
        assertThat(FrameScan.after(buf, FrameScan.TO, at)).isEqualTo(-1);
        buf.release();
    }

    @Test
    void findsEverySendersStampAndNoOtherEqualsSign() {
        ByteBuf buf = frame(BATCH);
        long[] stamps = FrameScan.stamps(buf, buf.readerIndex());
        // "a=b" in a name and "x=9 t=5" in a text are not stamps: only a text that starts with t= is.
        assertThat(stamps).containsExactly(1700000000123L, 1700000000456L);
        buf.release();
    }

    @Test
    void aStampAtTheVeryStartOrEndOfTheBytesIsStillFound() {
        ByteBuf buf = frame("\"text\":\"t=77");
        assertThat(FrameScan.stamps(buf, 0)).containsExactly(77L);
        buf.release();

        ByteBuf cut = frame("xt\":\"t=77");
        assertThat(FrameScan.stamps(cut, 0)).isEmpty();
        cut.release();
    }
}
