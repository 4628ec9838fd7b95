package live.blossom.load.edge;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import live.blossom.edge.rtmp.MediaPayload;
import live.blossom.edge.rtmp.RtmpClient;
import live.blossom.edge.rtmp.Transport;
import live.blossom.edge.rtmp.VideoMessage;
import org.HdrHistogram.Recorder;

/**
 * Netty viewers (RTMP players on the edge's own codec, or HTTP-FLV readers) that check every
 * video tag's timestamp, and record time to first frame, latency (from the publisher's stamp
 * in each frame), stalls (over a second without a video frame) and bytes. The swarm shares the
 * machine with the server under test, so it is kept cheap: the loops it is given (epoll where it
 * loads), and HTTP-FLV read by {@link HttpFlvScanner} without copying the bodies.
 */
final class ViewerSwarm {

    enum Kind { RTMP, HTTP_FLV }

    final Recorder ttffMs = new Recorder(3);
    /** Time to having asked for the stream: RTMP play started (five round trips), HTTP-FLV connected. */
    final Recorder readyMs = new Recorder(3);
    final Recorder latencyMicros = new Recorder(3);
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong timestampErrors = new AtomicLong();
    final LongAdder bytes = new LongAdder();
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
        volatile long readyNanos;
        volatile long firstVideoNanos;
        volatile long lastVideoNanos;
        long lastTimestamp = -1;
        volatile boolean stalled;
        volatile boolean ended;
        Channel channel;

        /** A video tag: its timestamp, body length, whether it is a sequence header, and its last 8 body bytes. */
        void video(long timestamp, int length, boolean config, long stamp) {
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
            bytes.add(length + 11);
            if (measuring && !config && length > 32) {
                long latency = BenchPublisher.nowMicros() - stamp;
                if (latency >= 0 && latency < 60_000_000L) {
                    latencyMicros.recordValue(latency);
                }
            }
        }

        void video(long timestamp, ByteBuf payload) {
            int n = payload.readableBytes();
            int at = payload.readerIndex();
            video(timestamp, n, n > 1 && payload.getByte(at + 1) == 0, n >= 8 ? payload.getLong(at + n - 8) : 0);
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
                                bytes.add(p.payload().readableBytes() + 11);
                            }
                        });
                v.channel = c.channel();
                c.ready().addListener(f -> {
                    if (f.isSuccess()) {
                        v.readyNanos = System.nanoTime();
                        readyMs.recordValue(Math.max(0, (System.nanoTime() - v.connectNanos) / 1_000_000));
                    } else {
                        failed.incrementAndGet();
                    }
                });
            } else {
                v.channel = httpFlv(v, httpPort, local, stream);
            }
        }
    }

    private Channel httpFlv(Viewer v, int port, InetSocketAddress local, String stream) {
        byte[] request = ("GET /live/" + stream + ".flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        HttpFlvScanner scanner = new HttpFlvScanner(new HttpFlvScanner.Listener() {
            @Override
            public void tag(int type, long timestamp, int length, int secondByte, long lastLong) {
                if (type == 9) {
                    v.video(timestamp, length, secondByte == 0, lastLong);
                } else {
                    bytes.add(length + 11);
                }
            }

            @Override
            public void end(boolean ok) {
                v.ended = true;
                if (!ok) {
                    failed.incrementAndGet();
                }
            }
        });
        return new Bootstrap().group(group).channel(Transport.socketChannel(group)).option(ChannelOption.TCP_NODELAY, true)
                .handler(scanner).connect(new InetSocketAddress("127.0.0.1", port), local).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        v.readyNanos = System.nanoTime();
                        readyMs.recordValue(Math.max(0, (System.nanoTime() - v.connectNanos) / 1_000_000));
                        f.channel().writeAndFlush(Unpooled.wrappedBuffer(request), f.channel().voidPromise());
                    } else {
                        failed.incrementAndGet();
                    }
                }).channel();
    }

    /** The slowest starts, one line: connect offset from the first viewer, ready and first frame (ms). */
    String slowestStarts(int count) {
        if (viewers.isEmpty()) {
            return "";
        }
        long t0 = viewers.get(0).connectNanos;
        StringBuilder out = new StringBuilder();
        viewers.stream().filter(v -> v.firstVideoNanos != 0)
                .sorted((a, b) -> Long.compare(b.firstVideoNanos - b.connectNanos, a.firstVideoNanos - a.connectNanos))
                .limit(count)
                .forEach(v -> out.append(String.format(Locale.ROOT, " at=%d ready=%d first=%d loop=%s",
                        (v.connectNanos - t0) / 1_000_000, (v.readyNanos - v.connectNanos) / 1_000_000,
                        (v.firstVideoNanos - v.connectNanos) / 1_000_000,
                        v.channel == null ? "-" : Integer.toHexString(System.identityHashCode(v.channel.eventLoop())))));
        return out.toString();
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
            bytes.reset();
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
