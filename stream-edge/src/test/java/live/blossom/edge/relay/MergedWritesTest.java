package live.blossom.edge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.rtmp.RtmpClient;
import live.blossom.edge.rtmp.VideoMessage;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.EdgeTestBed;
import live.blossom.edge.testing.ReplayPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Merged writes (edge.relay.video-ends-batch=false)")
class MergedWritesTest {

    /** Frames of one batch arrive together; frames sent one by one at 15 fps come 66 ms apart. */
    private static final long BURST_GAP_NANOS = 50_000_000L;

    @TempDir
    static Path dir;
    static EdgeTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = EdgeTestBed.open(EdgeNode.start(dir.resolve("node"), "30s",
                EdgeNode.ANYONE_MAY_PUBLISH,
                c -> c.with(EdgeKeys.MERGE_WINDOW, "300ms")
                        .with(EdgeKeys.VIDEO_ENDS_BATCH, false)
                        .with(EdgeKeys.HLS_ENABLED, false)
                        .with(EdgeKeys.RECORD_ENABLED, false)),
                dir.resolve("fixture.flv"), 3, 15, 500_000);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private record Arrival(long timestamp, long nanos) {
    }

    @Test
    @DisplayName("frames reach a viewer in bursts, one merge window apart, every one of them and in order")
    void framesArriveInBursts() throws Exception {
        ReplayPublisher host = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "merged", bed.recording).start();
        host.client().ready().get();
        await().until(() -> bed.node.edge.streams().find("merged") != null);
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        RtmpClient player = RtmpClient.connect(bed.clients, new InetSocketAddress("127.0.0.1", bed.node.edge.rtmpPort()), null,
                "live", "rtmp://127.0.0.1/live", RtmpClient.Mode.PLAY, "merged", m -> {
                    if (m instanceof VideoMessage v) {
                        arrivals.add(new Arrival(v.timestamp(), System.nanoTime()));
                    }
                });
        player.ready().get();
        // The cached GOP arrives at once; then 3 s of live frames at 15 fps.
        await().until(() -> !arrivals.isEmpty());
        int backlog = arrivals.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.size() >= backlog + 45);
        List<Arrival> live = List.copyOf(arrivals.subList(backlog, arrivals.size()));
        player.stop();
        host.client().stop();

        int bursts = 1;
        for (int i = 1; i < live.size(); i++) {
            if (live.get(i).nanos() - live.get(i - 1).nanos() > BURST_GAP_NANOS) {
                bursts++;
            }
        }
        // A 300 ms window holds about 4.5 frames at 15 fps; frames sent one by one (66 ms apart)
        // would make one burst each.
        assertThat((double) live.size() / bursts).isGreaterThan(2.5);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i).timestamp()).isGreaterThanOrEqualTo(arrivals.get(i - 1).timestamp());
        }
    }
}
