package live.blossom.load.chat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Netty WebSocket clients for the chat benchmark: viewers that join a room and check every batch
 * (sequence gaps, duplicates, latency of sampled viewers), and senders. Connections use many
 * loopback source addresses so that the ephemeral port range is not the limit.
 */
final class SwarmClient implements AutoCloseable {

    static final WebSocketDecoderConfig DECODER = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(1 << 20).expectMaskedFrames(false).allowMaskMismatch(true)
            .allowExtensions(true).build();

    /** One upgrade request per target, shared by all connections to it. */
    private final java.util.Map<String, ByteBuf> requests = new java.util.concurrent.ConcurrentHashMap<>();
    final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    final SwarmStats stats;

    /** Whether the threads poll briefly before sleeping ({@link SpinThenWait}). */
    private volatile boolean polling;

    /**
     * @param mayPoll whether the threads may poll briefly before sleeping, once {@link #poll} says
     *                so, so that the node is not charged for waking them: for viewers, not senders
     */
    SwarmClient(int threads, SwarmStats stats, boolean mayPoll) {
        this.stats = stats;
        if (Epoll.isAvailable()) {
            group = new MultiThreadIoEventLoopGroup(threads, mayPoll
                    ? EpollIoHandler.newFactory(0, () -> new SpinThenWait(() -> polling))
                    : EpollIoHandler.newFactory());
            channelType = EpollSocketChannel.class;
        } else {
            group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
            channelType = NioSocketChannel.class;
        }
    }

    /**
     * Opens a WebSocket on {@code loop}; {@code onOpen} runs when the handshake completes and
     * {@code done} runs once, when the handshake has succeeded or failed.
     */
    ChannelFuture open(EventLoopGroup loop, String host, int port, String source, String path, boolean sampleLatency,
                       Consumer<Channel> onOpen, Runnable done) {
        ByteBuf request = requests.computeIfAbsent(host + ":" + port + path,
                k -> WebSocketUpgrade.request(host, port, path));
        Bootstrap b = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        if (channelType == EpollSocketChannel.class) {
            // The source port is picked at connect time, from the full 4-tuple, instead of by a
            // bind() that searches the address's ports: cheaper with thousands per address.
            b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        b.handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new WebSocketUpgrade(request, DECODER),
                        new ViewerHandler(stats, sampleLatency, onOpen, done));
            }
        });
        return b.connect(new InetSocketAddress(host, port), new InetSocketAddress(source, 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        stats.failed.increment();
                        done.run();
                    }
                });
    }

    /** One connection of a batch opened by {@link #openMany}. */
    interface Plan {
        void open(int index, EventLoop loop, Runnable done);
    }

    /**
     * Opens {@code count} connections with at most {@code inFlight} handshakes outstanding, driven
     * from the event loops themselves: each finished handshake starts the next one on its own
     * loop. A connect started from another thread would cost a wake-up of the loop each, and a
     * one-thread connect loop would be the swarm's limit, not the server's.
     */
    void openMany(int count, int inFlight, Plan plan) {
        AtomicInteger next = new AtomicInteger();
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(e -> loops.add((EventLoop) e));
        int perLoop = Math.max(1, inFlight / loops.size());
        for (EventLoop loop : loops) {
            loop.execute(() -> {
                for (int k = 0; k < perLoop; k++) {
                    openNext(loop, next, count, plan);
                }
            });
        }
    }

    private static void openNext(EventLoop loop, AtomicInteger next, int count, Plan plan) {
        int i = next.getAndIncrement();
        if (i < count) {
            plan.open(i, loop, () -> loop.execute(() -> openNext(loop, next, count, plan)));
        }
    }

    /** Switches polling before sleeping on or off (it only works on epoll). */
    void poll(boolean on) {
        polling = on;
    }

    static void sendText(Channel ch, String text) {
        ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        // The shared requests are unreleasable wrappers (connections write duplicates of them):
        // free the buffers underneath once no connection is left.
        requests.values().forEach(r -> r.unwrap().release());
        requests.clear();
    }

    /** Per viewer: the next sequence it expects, checked against every batch. */
    static final class ViewerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

        private final SwarmStats stats;
        private final boolean sampleLatency;
        private final Consumer<Channel> onOpen;
        private final Runnable done;
        private long next = -1;
        private boolean released;

        ViewerHandler(SwarmStats stats, boolean sampleLatency, Consumer<Channel> onOpen, Runnable done) {
            this.stats = stats;
            this.sampleLatency = sampleLatency;
            this.onOpen = onOpen;
            this.done = done;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketUpgrade.UPGRADED) {
                release();
                onOpen.accept(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        private void release() {
            if (!released) {
                released = true;
                done.run();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            stats.closed.increment();
            if (!released) {
                stats.failed.increment();
                release();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame)) {
                return;
            }
            ByteBuf payload = frame.content();
            RecentBatches.Batch batch = RecentBatches.lookup(payload);
            ByteBuf text = payload;
            if (batch == null) {
                if ((frame.rsv() & 4) != 0) {
                    // Compressed (RFC 7692).
                    try {
                        text = FrameInflate.inflate(payload);
                    } catch (java.util.zip.DataFormatException e) {
                        stats.errors.increment();
                        ctx.close();
                        return;
                    }
                }
                batch = RecentBatches.Batch.of(text);
                if (batch != null) {
                    RecentBatches.remember(payload, batch);
                }
            }
            if (batch != null) {
                onBatch(batch);
            } else {
                onOther(text);
            }
        }

        private void onBatch(RecentBatches.Batch batch) {
            long first = batch.first();
            long last = batch.last();
            if (stats.measuring) {
                stats.frames.increment();
                stats.deliveries.add(last - first + 1 - batch.skipped());
                stats.skipped.add(batch.skipped());
                if (next >= 0 && first > next) {
                    stats.gaps.add(first - next);
                } else if (next >= 0 && first < next) {
                    stats.dups.add(Math.min(next, last + 1) - first);
                }
                if (sampleLatency) {
                    // The latency of every line of the batch.
                    long now = SwarmStats.nowMicros();
                    for (long stamp : batch.stamps()) {
                        recordLatency(now - stamp);
                    }
                }
            }
            next = Math.max(next, last + 1);
        }

        private void onOther(ByteBuf buf) {
            boolean measuring = stats.measuring;
            if (FrameScan.startsWith(buf, FrameScan.JOINED)) {
                stats.joined.increment();
                int at = FrameScan.after(buf, FrameScan.LAST, buf.readerIndex());
                next = FrameScan.number(buf, at) + 1;
            } else if (FrameScan.startsWith(buf, FrameScan.ACK)) {
                stats.acks.increment();
                int at = FrameScan.after(buf, FrameScan.CID, buf.readerIndex());
                if (at > 0 && measuring) {
                    recordLatency(SwarmStats.nowMicros() - FrameScan.number(buf, at));
                }
            } else if (FrameScan.startsWith(buf, FrameScan.ERROR)) {
                stats.errors.increment();
            } else if (FrameScan.startsWith(buf, FrameScan.MISSED)) {
                int at = FrameScan.after(buf, FrameScan.TO, buf.readerIndex());
                long to = FrameScan.number(buf, at);
                if (measuring) {
                    stats.missed.add(to + 1 - next);
                }
                next = to + 1;
            } else if (measuring) {
                // Baseline server: each frame is one message as the sender wrote it.
                int at = FrameScan.after(buf, FrameScan.STAMP, buf.readerIndex());
                if (at > 0) {
                    stats.frames.increment();
                    stats.deliveries.increment();
                    if (sampleLatency) {
                        recordLatency(SwarmStats.nowMicros() - FrameScan.number(buf, at));
                    }
                }
            }
        }

        /** Within the histogram's range (60 s): a later delivery counts as 59 s, not as an error. */
        private void recordLatency(long micros) {
            stats.latency.recordValue(Math.max(0, Math.min(59_000_000L, micros)));
        }
    }
}
