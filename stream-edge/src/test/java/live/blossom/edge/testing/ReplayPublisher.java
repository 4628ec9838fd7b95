package live.blossom.edge.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import live.blossom.edge.rtmp.AudioMessage;
import live.blossom.edge.rtmp.DataMessage;
import live.blossom.edge.rtmp.RtmpClient;
import live.blossom.edge.rtmp.VideoMessage;

/** Publishes recorded FLV tags over RTMP with the edge's own codec, in real time and in a loop, until dropped or stopped. */
public final class ReplayPublisher {

    private final RtmpClient client;
    private final List<FlvFixture.Tag> tags;
    private final AtomicLong sent = new AtomicLong();
    private long startNanos;
    private int index;
    private long loopOffset;

    private ReplayPublisher(RtmpClient client, List<FlvFixture.Tag> tags) {
        this.client = client;
        this.tags = tags;
    }

    /** Connects and asks to publish; {@link #client()}'s ready() says whether the edge accepted. */
    public static ReplayPublisher connect(EventLoopGroup group, int port, String streamWithKey, List<FlvFixture.Tag> tags) {
        RtmpClient client = RtmpClient.connect(group, new InetSocketAddress("127.0.0.1", port), null, "live",
                "rtmp://127.0.0.1:" + port + "/live", RtmpClient.Mode.PUBLISH, streamWithKey, null);
        return new ReplayPublisher(client, tags);
    }

    public RtmpClient client() {
        return client;
    }

    public long sent() {
        return sent.get();
    }

    /** Starts sending once publishing was accepted. */
    public ReplayPublisher start() {
        client.ready().addListener(f -> {
            if (f.isSuccess()) {
                client.send(DataMessage.of(1, "@setDataFrame", "onMetaData",
                        java.util.Map.of("width", 320.0, "height", 240.0, "framerate", 15.0)), false);
                startNanos = System.nanoTime();
                tick();
            }
        });
        return this;
    }

    private void tick() {
        if (!client.channel().isActive()) {
            return;
        }
        long now = (System.nanoTime() - startNanos) / 1_000_000;
        while (true) {
            FlvFixture.Tag tag = tags.get(index);
            long ts = tag.timestamp() + loopOffset;
            if (ts > now) {
                break;
            }
            if (tag.type() == 9) {
                client.send(new VideoMessage(1, ts, Unpooled.wrappedBuffer(tag.payload())), false);
            } else if (tag.type() == 8) {
                client.send(new AudioMessage(1, ts, Unpooled.wrappedBuffer(tag.payload())), false);
            }
            sent.incrementAndGet();
            if (++index == tags.size()) {
                index = 0;
                loopOffset = ts + 40;
            }
        }
        client.channel().flush();
        client.channel().eventLoop().schedule(this::tick, 10, TimeUnit.MILLISECONDS);
    }
}
