package live.blossom.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.EdgeTestBed;
import live.blossom.edge.testing.FlvHttpViewer;
import live.blossom.edge.testing.ReplayPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Publishing")
class PublishRulesTest {

    @TempDir
    static Path dir;
    static EdgeTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = EdgeTestBed.open(EdgeNode.start(dir.resolve("node"), "3s"),
                dir.resolve("fixture.flv"), 3, 15, 300_000);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    static String refusal(ReplayPublisher p) {
        try {
            p.client().ready().get();
            return "accepted";
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("refuses a wrong or missing key with NetStream.Publish.BadName and closes the connection")
    void wrongKey() {
        bed.node.createStream("wrong-key");
        for (String name : List.of("wrong-key?key=not-the-key", "wrong-key", "no-such-stream?key=abc")) {
            ReplayPublisher p = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), name, bed.recording).start();
            assertThat(refusal(p)).as(name).isEqualTo("NetStream.Publish.BadName");
            await().until(() -> !p.client().channel().isActive());
        }
        assertThat(bed.node.edge.streams().find("wrong-key")).as("nothing went live").isNull();
    }

    @Test
    @DisplayName("refuses a second publisher while the stream is live, and the first one goes on")
    void secondPublisher() {
        String key = bed.node.createStream("twice");
        ReplayPublisher first = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "twice?key=" + key, bed.recording).start();
        assertThat(refusal(first)).isEqualTo("accepted");
        ReplayPublisher second = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "twice?key=" + key, bed.recording).start();
        assertThat(refusal(second)).isEqualTo("NetStream.Publish.BadName");
        long before = first.sent();
        await().until(() -> first.sent() > before + 10);
        assertThat(first.client().channel().isActive()).isTrue();
        first.client().stop();
        await().until(() -> bed.node.edge.streams().find("twice") == null);
    }

    @Test
    @DisplayName("accepts the key as OBS's stream key field with the stream in the server URL")
    void obsStyle() throws Exception {
        String key = bed.node.createStream("obs-style");
        var client = live.blossom.edge.rtmp.RtmpClient.connect(bed.clients,
                new java.net.InetSocketAddress("127.0.0.1", bed.node.edge.rtmpPort()), null, "live/obs-style",
                "rtmp://127.0.0.1/live/obs-style", live.blossom.edge.rtmp.RtmpClient.Mode.PUBLISH, key, null);
        assertThat(client.ready().get()).isEqualTo(1);
        assertThat(bed.node.edge.streams().find("obs-style")).isNotNull();
        client.stop();
    }

    @Test
    @DisplayName("keeps an HTTP-FLV viewer through a host drop, resumes its frames on reconnect, ends it after the grace period")
    void hostDrop() throws Exception {
        String key = bed.node.createStream("flaky");
        ReplayPublisher host = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "flaky?key=" + key, bed.recording).start();
        assertThat(refusal(host)).isEqualTo("accepted");
        await().until(() -> bed.node.edge.streams().find("flaky") != null && host.sent() > 20);
        try (FlvHttpViewer viewer = new FlvHttpViewer(bed.node.httpBase() + "/live/flaky.flv")) {
            await().until(() -> viewer.videoTags() > 10);

            host.client().drop(); // uplink lost: no unpublish
            await().until(() -> !bed.node.edge.streams().find("flaky").isPublishing());
            long beforeResume = viewer.videoTags();

            ReplayPublisher again = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "flaky?key=" + key, bed.recording).start();
            assertThat(refusal(again)).as("the host may come back within the grace period").isEqualTo("accepted");
            await().until(() -> viewer.videoTags() > beforeResume + 20);
            assertThat(viewer.ended()).as("the viewer's connection stayed open").isFalse();
            List<Long> video = viewer.tags.stream().filter(t -> t.type() == 9).map(FlvHttpViewer.Seen::timestamp).toList();
            assertThat(video).as("video timestamps keep increasing across the reconnect").isSorted();

            again.client().drop();
            await().atMost(Duration.ofSeconds(20)).until(viewer::ended);
            assertThat(viewer.status()).isEqualTo(200);
            assertThat(bed.node.edge.streams().find("flaky")).isNull();
        }
    }

    @Test
    @DisplayName("answers 404 for HTTP-FLV of a stream that is not live")
    void notLive() throws Exception {
        try (FlvHttpViewer viewer = new FlvHttpViewer(bed.node.httpBase() + "/live/nobody-here.flv")) {
            await().until(viewer::ended);
            assertThat(viewer.status()).isEqualTo(404);
        }
    }
}
