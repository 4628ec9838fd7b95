package live.blossom.load.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The swarm's memory of the batches it read last")
class RecentBatchesTest {

    private static final long STAMP = 1_765_000_000_000_000L;

    @Test
    @DisplayName("a batch is read for its sequences, lines left out and every line's send time")
    void readsABatch() {
        ByteBuf text = Unpooled.copiedBuffer(ReadPathWarmUp.batch(4001, 140, STAMP), StandardCharsets.UTF_8);
        RecentBatches.Batch batch = RecentBatches.Batch.of(text);
        assertThat(batch.first()).isEqualTo(4001);
        assertThat(batch.last()).isEqualTo(4140);
        assertThat(batch.skipped()).isZero();
        assertThat(batch.stamps()).hasSize(140).containsOnly(STAMP);
        text.release();
    }

    @Test
    @DisplayName("a frame that is not a batch is not read as one")
    void otherFramesAreNotBatches() {
        ByteBuf joined = Unpooled.copiedBuffer("{\"type\":\"joined\",\"room\":\"r\",\"last\":7}", StandardCharsets.UTF_8);
        assertThat(RecentBatches.Batch.of(joined)).isNull();
        joined.release();
    }

    @Test
    @DisplayName("the same bytes again give the same batch, and other batches of the same size their own")
    void rememberedBatchesAreMatchedByTheirBytes() {
        // Sequences of the same width compress to payloads of about the same size: some of the
        // same length, which must not be taken for one another.
        List<ByteBuf> payloads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            payloads.add(FrameInflateTest.compressed(ReadPathWarmUp.batch(5001 + i * 140L, 140, STAMP)));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < payloads.size(); i++) {
                ByteBuf payload = payloads.get(i);
                if (RecentBatches.lookup(payload) == null) {
                    ByteBuf text = inflated(payload);
                    RecentBatches.remember(payload, RecentBatches.Batch.of(text));
                }
                // The same bytes in another buffer, as the next viewer's frame brings them.
                ByteBuf copy = Unpooled.copiedBuffer(payload);
                RecentBatches.Batch again = RecentBatches.lookup(copy);
                assertThat(again).isNotNull();
                assertThat(again.first()).isEqualTo(5001 + i * 140L);
                assertThat(again.last()).isEqualTo(5001 + i * 140L + 139);
                copy.release();
            }
        }
        payloads.forEach(ByteBuf::release);
    }

    @Test
    @DisplayName("a batch never seen is not found")
    void unknownBytesAreNotFound() {
        ByteBuf payload = FrameInflateTest.compressed(ReadPathWarmUp.batch(999_001, 3, STAMP));
        assertThat(RecentBatches.lookup(payload)).isNull();
        payload.release();
    }

    private static ByteBuf inflated(ByteBuf payload) {
        try {
            return FrameInflate.inflate(payload);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }
}
