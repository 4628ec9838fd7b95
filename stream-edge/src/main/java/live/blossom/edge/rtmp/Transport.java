package live.blossom.edge.rtmp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import live.blossom.platform.bootstrap.NetTransport;

/**
 * The edge's Netty loops and the channel types that go with them. A node's RTMP loops follow its
 * {@code edge.rtmp.transport} (see the platform's {@link NetTransport}); loops made without one
 * (benchmark clients, tests) are epoll where it loads, else NIO. Channels follow the loops they
 * run on, so a caller that brings NIO loops (a test) still gets NIO channels.
 */
public final class Transport {

    private Transport() {
    }

    /** Event loops of epoll where it loads, else NIO. */
    public static EventLoopGroup loops(int threads) {
        return loops(threads, NetTransport.firstAvailable("epoll,nio").ioHandlers());
    }

    public static EventLoopGroup loops(int threads, IoHandlerFactory handlers) {
        return new MultiThreadIoEventLoopGroup(threads, handlers);
    }

    public static Class<? extends ServerSocketChannel> serverChannel(EventLoopGroup loops) {
        if (is(loops, IoUringIoHandler.class)) {
            return IoUringServerSocketChannel.class;
        }
        return is(loops, EpollIoHandler.class) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup loops) {
        if (is(loops, IoUringIoHandler.class)) {
            return IoUringSocketChannel.class;
        }
        return is(loops, EpollIoHandler.class) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private static boolean is(EventLoopGroup loops, Class<? extends IoHandler> type) {
        // Asks the first loop, not the group: a group answers through next(), which would move its
        // round robin, and a caller that picks the channel type per connection would then put
        // every connection on every other loop.
        java.util.Iterator<io.netty.util.concurrent.EventExecutor> first = loops.iterator();
        return first.hasNext() && first.next() instanceof IoEventLoop loop && loop.isIoType(type);
    }
}
