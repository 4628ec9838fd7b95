package live.blossom.load.edge;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import live.blossom.edge.flv.FlvReader;
import live.blossom.edge.rtmp.MediaPayload;
import live.blossom.edge.rtmp.RtmpClient;
import live.blossom.edge.rtmp.VideoMessage;
import org.HdrHistogram.Recorder;

/**
 * Netty viewers (RTMP players on the edge's own codec, or HTTP-FLV readers) that check every
 * video tag's timestamp, and record time to first frame, latency (from the publisher's stamp
 * in each frame), stalls (over a second without a video frame) and bytes.
 */
final class ViewerSwarm {

    enum Kind { RTMP, HTTP_FLV }

    final Recorder ttffMs = new Recorder(3);
    final Recorder latencyMicros = new Recorder(3);
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong timestampErrors = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group;
    private volatile boolean measuring;

    ViewerSwarm(EventLoopGroup group) {
        this.group = group;
        group.scheduleAtFixedRate(this::checkStalls, 250, 250, TimeUnit.MILLISECONDS);
    }

    final class Viewer {
        final long connectNanos = System.nanoTime();
        volatile long firstVideoNanos;
        volatile long lastVideoNanos;
        long lastTimestamp = -1;
        volatile boolean stalled;
        volatile boolean ended;
        Channel channel;

        void video(long timestamp, ByteBuf payload) {
            long now = System.nanoTime();
            if (firstVideoNanos == 0) {
                firstVideoNanos = now;
                ttffMs.recordValue(Math.max(0, (now - connectNanos) / 1_000_000));
            }
            lastVideoNanos = now;
            stalled = false;
            if (timestamp < lastTimestamp) {
                timestampErrors.incrementAndGet();
            }
            lastTimestamp = timestamp;
            int n = payload.readableBytes();
            bytes.addAndGet(n + 11);
            boolean config = n > 1 && payload.getByte(payload.readerIndex() + 1) == 0;
            if (measuring && !config && n > 32) {
                long latency = BenchPublisher.nowMicros() - payload.getLong(payload.readerIndex() + n - BenchPublisher.STAMP);
                if (latency >= 0 && latency < 60_000_000L) {
                    latencyMicros.recordValue(latency);
                }
            }
        }
    }

    private void checkStalls() {
        if (!measuring) {
            return;
        }
        long now = System.nanoTime();
        for (Viewer v : viewers) {
            if (v.firstVideoNanos != 0 && !v.stalled && now - v.lastVideoNanos > 1_000_000_000L) {
                v.stalled = true;
                stalls.incrementAndGet();
            }
        }
    }

    /** Connects {@code n} viewers at {@code perSecond}, from source addresses 127.0.0.2.. in turn. */
    void connect(Kind kind, int n, int perSecond, int rtmpPort, int httpPort, String stream) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            InetSocketAddress local = new InetSocketAddress("127.0.0." + (2 + i % 50), 0);
            Viewer v = new Viewer();
            viewers.add(v);
            if (kind == Kind.RTMP) {
                RtmpClient c = RtmpClient.connect(group, new InetSocketAddress("127.0.0.1", rtmpPort), local, "live",
                        "rtmp://127.0.0.1:" + rtmpPort + "/live", RtmpClient.Mode.PLAY, stream, m -> {
                            if (m instanceof VideoMessage video) {
                                v.video(video.timestamp(), video.payload());
                            } else if (m instanceof MediaPayload p) {
                                bytes.addAndGet(p.payload().readableBytes() + 11);
                            }
                        });
                v.channel = c.channel();
                c.ready().addListener(f -> {
                    if (!f.isSuccess()) {
                        failed.incrementAndGet();
                    }
                });
            } else {
                v.channel = httpFlv(v, httpPort, local, stream);
            }
        }
    }

    private Channel httpFlv(Viewer v, int port, InetSocketAddress local, String stream) {
        FlvReader reader = new FlvReader(16 << 20);
        return new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                            private ByteBuf pending;

                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                var req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/live/" + stream + ".flv");
                                req.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
                                ctx.writeAndFlush(req);
                                pending = ctx.alloc().buffer();
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                if (msg instanceof HttpContent content) {
                                    pending.writeBytes(content.content());
                                    reader.read(pending, (type, ts, payload) -> {
                                        if (type == 9) {
                                            v.video(ts, payload);
                                        } else {
                                            bytes.addAndGet(payload.readableBytes() + 11);
                                        }
                                    });
                                    pending.discardSomeReadBytes();
                                    if (msg instanceof LastHttpContent) {
                                        v.ended = true;
                                    }
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                pending.release();
                            }
                        });
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port), local).addListener(f -> {
                    if (!f.isSuccess()) {
                        failed.incrementAndGet();
                    }
                }).channel();
    }

    /** Viewers that have received a first video frame. */
    long started() {
        return viewers.stream().filter(v -> v.firstVideoNanos != 0).count();
    }

    long open() {
        return viewers.stream().filter(v -> v.channel != null && v.channel.isActive()).count();
    }

    void measure(boolean on) {
        if (on) {
            latencyMicros.reset();
            stalls.set(0);
            bytes.set(0);
        }
        measuring = on;
    }

    void closeAll() {
        measuring = false;
        for (Viewer v : viewers) {
            if (v.channel != null) {
                v.channel.close();
            }
        }
        viewers.clear();
    }
}
