package live.blossom.load.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How a swarm thread waits for its sockets")
class SpinThenWaitTest {

    private long now;
    private boolean enabled = true;
    private final SpinThenWait strategy = new SpinThenWait(() -> now, () -> enabled);

    /** Asks the strategy until it answers something other than "poll again", the clock moving a microsecond a poll. */
    private int waitFor(long readyAfterNanos) throws Exception {
        long readyAt = now + readyAfterNanos;
        while (true) {
            int answer = strategy.calculateStrategy(() -> now >= readyAt ? 1 : 0, false);
            if (answer != SelectStrategy.CONTINUE) {
                return answer;
            }
            now += 1_000;
        }
    }

    @Test
    @DisplayName("it polls through the short gaps inside a round of frames instead of sleeping")
    void pollsThroughShortGaps() throws Exception {
        for (int frame = 0; frame < 1000; frame++) {
            assertThat(waitFor(8_000)).as("frame %d", frame).isEqualTo(1);
        }
        assertThat(strategy.spinNanos()).isEqualTo(SpinThenWait.LONGEST_SPIN_NANOS);
    }

    @Test
    @DisplayName("it stops polling, and sleeps at once, when nothing comes within its polls")
    void stopsPollingWhenGapsAreLong() throws Exception {
        int sleeps = 0;
        while (strategy.spinNanos() > 0) {
            assertThat(waitFor(10_000_000)).isEqualTo(SelectStrategy.SELECT);
            sleeps++;
        }
        assertThat(sleeps).isLessThanOrEqualTo(7);
        long before = now;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(now).isEqualTo(before);
    }

    @Test
    @DisplayName("a thread that stopped polling tries again now and then, and polls again once frames come close together")
    void probesAgain() throws Exception {
        while (strategy.spinNanos() > 0) {
            waitFor(10_000_000);
        }
        int sleepsBeforeProbe = 0;
        long before = now;
        while (strategy.calculateStrategy(() -> 0, false) == SelectStrategy.SELECT && now == before) {
            sleepsBeforeProbe++;
        }
        assertThat(sleepsBeforeProbe).isEqualTo(SpinThenWait.PROBE_EVERY - 1);
        // The probe is under way: a frame 5 µs later ends it with work, and polling resumes.
        assertThat(waitFor(5_000)).isEqualTo(1);
        assertThat(strategy.spinNanos()).isGreaterThanOrEqualTo(10_000);
        assertThat(waitFor(8_000)).isEqualTo(1);
    }

    @Test
    @DisplayName("switched off, it sleeps whenever nothing is ready, as Netty's default does")
    void switchedOff() throws Exception {
        enabled = false;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(strategy.calculateStrategy(() -> 2, true)).isEqualTo(2);
        enabled = true;
        assertThat(strategy.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.CONTINUE);
    }

    @Test
    @DisplayName("ready sockets and queued tasks go back to the event loop at once")
    void readyWorkIsNotDelayed() throws Exception {
        assertThat(strategy.calculateStrategy(() -> 3, false)).isEqualTo(3);
        assertThat(strategy.calculateStrategy(() -> 0, true)).isEqualTo(0);
    }
}
