package live.blossom.load.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.rtmp.AudioMessage;
import live.blossom.edge.rtmp.DataMessage;
import live.blossom.edge.rtmp.RtmpClient;
import live.blossom.edge.rtmp.VideoMessage;

/**
 * The benchmark's host: replays a pre-recorded FLV over RTMP with the edge's own codec, in real
 * time and in a loop (cheap, so that the machine's CPU goes to the servers). Each video frame's
 * last 8 bytes are overwritten with the wall-clock microseconds at sending, so that viewers can
 * measure the latency the server adds (the picture is not decoded by anyone).
 */
final class BenchPublisher {

    static final int STAMP = 8;

    private final RtmpClient client;
    private final List<BenchRecording.Tag> tags;
    private long start;
    private int index;
    private long loopOffset;

    BenchPublisher(EventLoopGroup group, int port, String stream, List<BenchRecording.Tag> tags) {
        this.tags = tags;
        this.client = RtmpClient.connect(group, new InetSocketAddress("127.0.0.1", port), null, "live",
                "rtmp://127.0.0.1:" + port + "/live", RtmpClient.Mode.PUBLISH, stream, null);
    }

    void start() throws Exception {
        client.ready().get(10, TimeUnit.SECONDS);
        client.send(DataMessage.of(1, "@setDataFrame", "onMetaData",
                Map.of("width", 640.0, "height", 360.0, "framerate", 30.0, "videodatarate", 1000.0)), true);
        start = System.nanoTime();
        tick();
    }

    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private void tick() {
        if (!client.channel().isActive()) {
            return;
        }
        long now = (System.nanoTime() - start) / 1_000_000;
        boolean any = false;
        while (true) {
            BenchRecording.Tag tag = tags.get(index);
            long ts = tag.timestamp() + loopOffset;
            if (ts > now) {
                break;
            }
            ByteBuf payload = Unpooled.wrappedBuffer(tag.payload().clone());
            if (tag.type() == 9) {
                if (!tag.config() && payload.readableBytes() > 32) {
                    payload.setLong(payload.readableBytes() - STAMP, nowMicros());
                }
                client.send(new VideoMessage(1, ts, payload), false);
            } else if (tag.type() == 8) {
                client.send(new AudioMessage(1, ts, payload), false);
            } else {
                payload.release();
            }
            any = true;
            if (++index == tags.size()) {
                index = 0;
                loopOffset = ts + 33;
                while (tags.get(index).config()) {
                    index++; // sequence headers once only
                }
            }
        }
        if (any) {
            client.channel().flush();
        }
        client.channel().eventLoop().schedule(this::tick, 5, TimeUnit.MILLISECONDS);
    }

    void stop() {
        client.stop();
    }
}
