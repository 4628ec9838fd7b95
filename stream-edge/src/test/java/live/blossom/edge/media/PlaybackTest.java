package live.blossom.edge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.SyntheticPublisher;
import live.blossom.edge.testing.WsFlvClient;
import live.blossom.platform.bootstrap.Platform;
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
        node = EdgeNode.start(dir, "30s", null, c -> c
                .with(live.blossom.edge.EdgeKeys.HLS_WINDOW, 3)
                .with(live.blossom.edge.EdgeKeys.THUMBNAIL_INTERVAL, "1s")
                .with(live.blossom.edge.EdgeKeys.RECORD_ENABLED, false));
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

    @Test
    @DisplayName("plays back over WebSocket-FLV (binary frames of FLV bytes): pictures, increasing timestamps, audio")
    void wsFlv() throws Exception {
        try (WsFlvClient ws = new WsFlvClient(node.platform.vertx(), node.platform.httpPort(), "/live/booth-1.ws");
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(ws.input(), 0)) {
            grabber.setFormat("flv");
            assertPlayable(grabber);
            assertThat(ws.binaryFrames()).isPositive();
        }
    }

    @Test
    @DisplayName("plays back over HLS, remuxed into ~1 s segments with a rolling window that deletes old segments")
    void hls() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/hls/booth-1/index.m3u8") == 200);
        var playlist = Platform.await(node.http.get("/hls/booth-1/index.m3u8").send(), "playlist");
        assertThat(playlist.getHeader("Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(playlist.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(playlist.bodyAsString()).contains("#EXTM3U", "#EXT-X-TARGETDURATION:1", "seg-");
        String firstSegment = playlist.bodyAsString().lines().filter(l -> l.startsWith("seg-")).findFirst().orElseThrow();
        var segment = Platform.await(node.http.get("/hls/booth-1/" + firstSegment).send(), "segment");
        assertThat(segment.getHeader("Content-Type")).isEqualTo("video/mp2t");
        assertThat(segment.getHeader("Cache-Control")).contains("max-age");
        assertPlayable(node.httpBase() + "/hls/booth-1/index.m3u8");
        await().atMost(Duration.ofSeconds(30)).until(() -> status("/hls/booth-1/" + firstSegment) == 404);
    }

    @Test
    @DisplayName("lists the live stream with codec, picture size, frame rate, bitrate, uptime and viewers per protocol")
    void streamList() throws Exception {
        try (var viewer = new live.blossom.edge.testing.FlvHttpViewer(node.httpBase() + "/live/booth-1.flv")) {
            await().until(() -> viewer.videoTags() > 0);
            await().untilAsserted(() -> {
                var body = Platform.await(node.http.get("/api/streams").send(), "list").bodyAsJsonObject();
                var s = body.getJsonArray("streams").getJsonObject(0);
                assertThat(s.getString("id")).isEqualTo("booth-1");
                assertThat(s.getString("videoCodec")).isEqualTo("h264");
                assertThat(s.getString("audioCodec")).isEqualTo("aac");
                assertThat(s.getInteger("width")).isEqualTo(320);
                assertThat(s.getInteger("height")).isEqualTo(240);
                assertThat(s.getDouble("fps")).isPositive();
                assertThat(s.getLong("bitrateKbps")).isPositive();
                assertThat(s.getJsonObject("viewers").getInteger("http-flv")).isGreaterThanOrEqualTo(1);
            });
            String metrics = Platform.await(node.http.get("/metrics").send(), "metrics").bodyAsString();
            assertThat(metrics).contains("blossom_edge_stream_viewers{protocol=\"http-flv\",stream=\"booth-1\"}")
                    .contains("blossom_edge_stream_bitrate_kbps{stream=\"booth-1\"}")
                    .contains("blossom_edge_viewers{protocol=\"http-flv\"}");
        }
    }

    @Test
    @DisplayName("serves a JPEG thumbnail of a recent keyframe")
    void thumbnail() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> status("/api/streams/booth-1/thumbnail.jpg") == 200);
        var response = Platform.await(node.http.get("/api/streams/booth-1/thumbnail.jpg").send(), "thumbnail");
        assertThat(response.getHeader("Content-Type")).isEqualTo("image/jpeg");
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(response.bodyAsBuffer().getBytes()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    static int status(String path) {
        return Platform.await(node.http.get(path).send(), path).statusCode();
    }

    static void assertPlayable(String url) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url)) {
            grabber.setOption("rw_timeout", "10000000");
            assertPlayable(grabber);
        }
    }

    static void assertPlayable(FFmpegFrameGrabber grabber) throws Exception {
        {
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
