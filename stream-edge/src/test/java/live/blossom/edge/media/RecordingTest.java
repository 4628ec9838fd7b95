package live.blossom.edge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.SyntheticPublisher;
import live.blossom.platform.bootstrap.Platform;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Recordings")
class RecordingTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a finished broadcast is listed with start, duration and size and downloads as a playable MP4")
    void recordedBroadcast() throws Exception {
        try (EdgeNode node = EdgeNode.start(dir.resolve("node"), "1s", null, c -> c.with(EdgeKeys.HLS_ENABLED, false))) {
            String key = node.createStream("recorded");
            SyntheticPublisher host = new SyntheticPublisher(node.rtmpBase() + "/recorded?key=" + key).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> host.frames() > 3 * SyntheticPublisher.FPS);
            host.close(); // FFmpeg unpublishes: the broadcast ends

            String token = node.merchantToken();
            JsonObject recording = await().atMost(Duration.ofSeconds(30)).until(() -> {
                var list = Platform.await(node.http.get("/api/recordings").bearerTokenAuthentication(token).send(), "list")
                        .bodyAsJsonObject().getJsonArray("recordings");
                return list.isEmpty() ? null : list.getJsonObject(0);
            }, r -> r != null);
            assertThat(recording.getString("stream")).isEqualTo("recorded");
            assertThat(recording.getString("startedAt")).isNotBlank();
            assertThat(recording.getDouble("durationSeconds")).isGreaterThanOrEqualTo(2.0);
            assertThat(recording.getLong("sizeBytes")).isPositive();

            var download = Platform.await(node.http.get(recording.getString("url")).bearerTokenAuthentication(token).send(), "mp4");
            assertThat(download.getHeader("Content-Type")).isEqualTo("video/mp4");
            Path mp4 = dir.resolve("download.mp4");
            Files.write(mp4, download.bodyAsBuffer().getBytes());
            assertThat(Files.size(mp4)).isEqualTo(recording.getLong("sizeBytes"));
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
                grabber.start();
                assertThat(grabber.getFormat()).contains("mp4");
                Frame frame = grabber.grabImage();
                assertThat(frame.imageWidth).isEqualTo(SyntheticPublisher.WIDTH);
                assertThat(grabber.getAudioChannels()).isEqualTo(1);
            }
            assertThat(Platform.await(node.http.get("/api/recordings").send(), "anon").statusCode())
                    .as("recordings are for merchants").isEqualTo(401);
        }
    }
}
