package live.blossom.edge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.publish.PublishPermit;
import live.blossom.edge.rtmp.RtmpClient;
import live.blossom.edge.rtmp.VideoMessage;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.EdgeTestBed;
import live.blossom.edge.testing.FlvHttpViewer;
import live.blossom.edge.testing.ReplayPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The relay under pressure")
class RelayLimitsTest {

    @TempDir
    static Path dir;
    static EdgeTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        // An authorizer that lets anyone publish; "timed-*" streams get a permit that ends soon.
        bed = EdgeTestBed.open(EdgeNode.start(dir.resolve("node"), "30s",
                (app, stream, key, remote) -> Future.succeededFuture(new PublishPermit(stream,
                        stream.startsWith("timed-") ? Instant.now().plusSeconds(2) : null)),
                c -> c.with(EdgeKeys.STUCK_LIMIT, "3s")
                        .with(EdgeKeys.SEND_BUFFER, 32768)
                        .with(EdgeKeys.WRITE_HIGH, 131072)
                        .with(EdgeKeys.WRITE_LOW, 65536)
                        .with(EdgeKeys.HLS_ENABLED, false)
                        .with(EdgeKeys.RECORD_ENABLED, false)),
                dir.resolve("fixture.flv"), 3, 15, 1_000_000);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    static RtmpClient player(String stream, AtomicLong videoTags) {
        return RtmpClient.connect(bed.clients, new InetSocketAddress("127.0.0.1", bed.node.edge.rtmpPort()), null, "live",
                "rtmp://127.0.0.1/live", RtmpClient.Mode.PLAY, stream, m -> {
                    if (m instanceof VideoMessage) {
                        videoTags.incrementAndGet();
                    }
                });
    }

    @Test
    @DisplayName("a viewer that stops reading skips frames, is disconnected after the stuck limit, and does not slow the others")
    void stuckViewer() throws Exception {
        ReplayPublisher host = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "busy", bed.recording).start();
        host.client().ready().get();
        await().until(() -> bed.node.edge.streams().find("busy") != null);
        LiveStream stream = bed.node.edge.streams().find("busy");

        List<AtomicLong> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicLong n = new AtomicLong();
            counts.add(n);
            player("busy", n).ready().get();
        }
        AtomicLong stuckCount = new AtomicLong();
        RtmpClient stuck = player("busy", stuckCount);
        stuck.channel().config().setOption(ChannelOption.SO_RCVBUF, 4096);
        stuck.ready().get();
        stuck.channel().config().setAutoRead(false); // stops reading: its socket fills up
        await().until(() -> stream.stats().viewerCount("rtmp") == 4);

        long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        long othersBefore = counts.stream().mapToLong(AtomicLong::get).min().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.stats().skippedTags() > 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.stats().viewerCount("rtmp") == 3);

        // The others kept receiving everything meanwhile: at least as many new frames as 2 s of video.
        long othersAfter = counts.stream().mapToLong(AtomicLong::get).min().orElseThrow();
        assertThat(othersAfter - othersBefore).isGreaterThan(30);
        // Bounded: the stuck viewer held references to shared buffers, never copies of its own.
        long directAfter = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        assertThat(directAfter - directBefore).isLessThan(16L << 20);
        host.client().stop();
    }

    @Test
    @DisplayName("ends a publish when its permit ends: the publisher is told, viewers get end of stream at once")
    void permitEnds() throws Exception {
        ReplayPublisher host = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "timed-show", bed.recording).start();
        host.client().ready().get();
        await().until(() -> bed.node.edge.streams().find("timed-show") != null);
        try (FlvHttpViewer viewer = new FlvHttpViewer(bed.node.httpBase() + "/live/timed-show.flv")) {
            await().atMost(Duration.ofSeconds(20)).until(viewer::ended);
            assertThat(viewer.status()).isEqualTo(200);
            await().until(() -> !host.client().channel().isActive());
            assertThat(bed.node.edge.streams().find("timed-show")).isNull();
        }
    }
}
