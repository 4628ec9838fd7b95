package live.blossom.load.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The swarm's warm-up of its frame-reading path")
class ReadPathWarmUpTest {

    @Test
    @DisplayName("compressed batches go through the viewers' real reading path: every line counted, no gap, no duplicate")
    void blossomBatches() {
        SwarmStats seen = ReadPathWarmUp.run(40, true, 10);
        assertThat(seen.frames.sum()).isEqualTo(40L * ReadPathWarmUp.VIEWERS);
        assertThat(seen.deliveries.sum()).isEqualTo(40L * ReadPathWarmUp.VIEWERS * ReadPathWarmUp.LINES_PER_BATCH);
        assertThat(seen.gaps.sum()).isZero();
        assertThat(seen.dups.sum()).isZero();
        assertThat(seen.errors.sum()).isZero();
        // Viewers 0, 10, ..., 60 sample latency: every line of every batch.
        assertThat(seen.latency.getIntervalHistogram().getTotalCount())
                .isEqualTo(40L * 7 * ReadPathWarmUp.LINES_PER_BATCH);
    }

    @Test
    @DisplayName("the baseline's single lines are counted one delivery per frame")
    void baselineLines() {
        SwarmStats seen = ReadPathWarmUp.run(25, false, 0);
        assertThat(seen.frames.sum()).isEqualTo(25L * ReadPathWarmUp.VIEWERS);
        assertThat(seen.deliveries.sum()).isEqualTo(25L * ReadPathWarmUp.VIEWERS);
    }
}
