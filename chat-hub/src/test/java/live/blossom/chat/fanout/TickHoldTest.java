package live.blossom.chat.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A room's tick waits for a loop behind with the room's frames, at most one window")
class TickHoldTest {

    private static final long WINDOW = 2_000_000_000L;
    private final Counter held = Counter.builder("held").register(new SimpleMeterRegistry());
    private final TickHold hold = new TickHold(held);

    @Test
    @DisplayName("a tick goes out at once when no loop is behind")
    void idleLoopsDoNotHold() {
        assertThat(hold.hold(1_000, WINDOW, false)).isFalse();
        assertThat(held.count()).isZero();
    }

    @Test
    @DisplayName("a tick waits while a loop is busy and goes out as soon as it is not, counted once")
    void busyLoopHoldsUntilDone() {
        assertThat(hold.hold(1_000, WINDOW, true)).isTrue();
        assertThat(hold.hold(3_000_000, WINDOW, true)).isTrue();
        assertThat(hold.hold(5_000_000, WINDOW, false)).isFalse();
        assertThat(held.count()).isEqualTo(1);
        assertThat(hold.hold(40_000_000, WINDOW, true)).as("the next tick may wait again").isTrue();
        assertThat(held.count()).isEqualTo(2);
    }

    @Test
    @DisplayName("a tick waits at most one window, then goes out even if the loop is still busy")
    void holdsAtMostOneWindow() {
        assertThat(hold.hold(1_000, WINDOW, true)).isTrue();
        assertThat(hold.hold(1_000 + WINDOW - 1, WINDOW, true)).isTrue();
        assertThat(hold.hold(1_000 + WINDOW, WINDOW, true)).isFalse();
        assertThat(hold.hold(1_000 + WINDOW + 2_000_000, WINDOW, true)).as("a new hold for the next tick").isTrue();
    }
}
