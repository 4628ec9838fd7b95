package live.blossom.edge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.SyntheticPublisher;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A stream published by FFmpeg over RTMP")
class PlaybackTest {

    @TempDir
    static Path dir;
    static EdgeNode node;
    static SyntheticPublisher publisher;

    @BeforeAll
    static void goLive() {
        node = EdgeNode.start(dir, "30s");
        String key = node.createStream("booth-1");
        publisher = new SyntheticPublisher(node.rtmpBase() + "/booth-1?key=" + key).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.edge.streams().find("booth-1") != null
                && node.edge.streams().find("booth-1").stats().videoFrames() > 5);
    }

    @AfterAll
    static void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    @DisplayName("plays back over RTMP: pictures at 320x240, increasing timestamps, and audio")
    void rtmp() throws Exception {
        assertPlayable(node.rtmpBase() + "/booth-1");
    }

    @Test
    @DisplayName("plays back over HTTP-FLV: pictures at 320x240, increasing timestamps, and audio")
    void httpFlv() throws Exception {
        assertPlayable(node.httpBase() + "/live/booth-1.flv");
    }

    static void assertPlayable(String url) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url)) {
            grabber.setOption("rw_timeout", "10000000");
            grabber.start();
            List<Long> videoTimestamps = new ArrayList<>();
            int audio = 0;
            while (videoTimestamps.size() < 20) {
                Frame f = grabber.grab();
                assertThat(f).as("a frame before the end of stream").isNotNull();
                if (f.image != null) {
                    assertThat(f.imageWidth).isEqualTo(SyntheticPublisher.WIDTH);
                    assertThat(f.imageHeight).isEqualTo(SyntheticPublisher.HEIGHT);
                    videoTimestamps.add(f.timestamp);
                } else if (f.samples != null) {
                    audio++;
                }
            }
            assertThat(videoTimestamps).isSorted().doesNotHaveDuplicates();
            assertThat(audio).as("audio frames").isPositive();
            assertThat(grabber.getAudioChannels()).isEqualTo(1);
        }
    }
}
