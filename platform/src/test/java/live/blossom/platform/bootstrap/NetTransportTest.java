package live.blossom.platform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetTransportTest {

    @Test
    @DisplayName("a preference list gives the first transport that loads here, whatever the case and spacing")
    void firstOfTheListThatLoads() {
        NetTransport expected = IoUring.isAvailable() ? NetTransport.IO_URING
                : Epoll.isAvailable() ? NetTransport.EPOLL : NetTransport.NIO;
        assertThat(NetTransport.firstAvailable(" IO_URING , epoll,nio ")).isEqualTo(expected);
        assertThat(NetTransport.firstAvailable("nio,epoll")).isEqualTo(NetTransport.NIO);
        assertThat(NetTransport.firstAvailable("epoll,nio"))
                .isEqualTo(Epoll.isAvailable() ? NetTransport.EPOLL : NetTransport.NIO);
    }

    @Test
    @DisplayName("an unknown or empty transport name is refused with a message that says what is allowed")
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> NetTransport.firstAvailable("epoll,kqueue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kqueue")
                .hasMessageContaining("io_uring, epoll or nio");
        assertThatThrownBy(() -> NetTransport.firstAvailable(" , "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transport");
    }

    @Test
    @DisplayName("each transport's loops are of that transport, for Vert.x as for Netty")
    void loopsMatchTheTransport() throws Exception {
        for (NetTransport transport : NetTransport.values()) {
            if (transport == NetTransport.IO_URING && !IoUring.isAvailable()
                    || transport == NetTransport.EPOLL && !Epoll.isAvailable()) {
                assertThatThrownBy(() -> NetTransport.firstAvailable(transport.toString()))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("available");
                continue;
            }
            Class<? extends IoHandler> type = switch (transport) {
                case IO_URING -> IoUringIoHandler.class;
                case EPOLL -> EpollIoHandler.class;
                case NIO -> NioIoHandler.class;
            };
            MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
            try {
                IoEventLoop loop = (IoEventLoop) loops.next();
                assertThat(loop.isIoType(type)).as(transport.toString()).isTrue();
                assertThat(transport.vertx().available()).as(transport.toString()).isTrue();
            } finally {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
    }
}
