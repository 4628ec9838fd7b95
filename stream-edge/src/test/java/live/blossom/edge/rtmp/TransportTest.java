package live.blossom.edge.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transport choice")
class TransportTest {

    @Test
    @DisplayName("choosing the channel type for each connection leaves the loops' round robin alone")
    void channelTypeDoesNotMoveTheRoundRobin() {
        EventLoopGroup loops = Transport.loops(4);
        try {
            Set<EventExecutor> used = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                Transport.socketChannel(loops); // as a client does before each connect
                used.add(loops.next()); // the loop that connect registers on
            }
            assertThat(used).hasSize(4);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
