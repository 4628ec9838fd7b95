package live.blossom.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    static Path dataDir;

    static Demo demo;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        demo = Demo.start(new Demo.DemoOptions(dataDir, 0, 0, Duration.ofSeconds(3), 2));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    static JsonObject get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + demo.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    @Test
    @DisplayName("the synthetic host goes live through RTMP with the booking's key, and a viewer decodes its frames")
    void broadcastIsLive() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/streams").getJsonArray("streams").stream()
                .map(JsonObject.class::cast).anyMatch(s -> s.getString("id").equals(demo.room())
                        && s.getBoolean("publishing", false)));
        try (FFmpegFrameGrabber viewer = new FFmpegFrameGrabber(
                "http://127.0.0.1:" + demo.httpPort() + "/live/" + demo.room() + ".flv")) {
            viewer.setOption("rw_timeout", "10000000");
            viewer.start();
            Frame picture = viewer.grabImage();
            assertThat(picture).isNotNull();
            assertThat(picture.imageWidth).isEqualTo(640);
            assertThat(picture.imageHeight).isEqualTo(360);
            assertThat(viewer.getAudioChannels()).isEqualTo(1);
            viewer.stop();
        }
    }

    @Test
    @DisplayName("the seeded world has the products, the booking's session and a pinned flash sale that opens on time")
    void seededWorld() throws Exception {
        JsonObject sale = get("/api/sales/" + demo.saleId());
        assertThat(sale.getString("room")).isEqualTo(demo.room());
        assertThat(sale.getString("sku")).isEqualTo("yak-milk-1l");
        assertThat(get("/api/rooms/" + demo.room() + "/pin").encode()).contains("yak-milk-1l");
        assertThat(get("/api/sessions/" + demo.room()).getString("title")).isEqualTo(demo.title());
        for (DemoWorld.SeedProduct p : DemoWorld.PRODUCTS) {
            assertThat(get("/api/products/" + p.sku()).getLong("priceFen")).isEqualTo(p.priceFen());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/sales/" + demo.saleId()).getString("state").equals("open"));
    }

    @Test
    @DisplayName("demo sign-in hands out tokens for the demo accounts, and nothing else")
    void devLogin() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.httpPort()
                + "/api/dev/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"merchant\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ok.body()).getJsonArray("roles")).contains("merchant");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.httpPort()
                + "/api/dev/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"root\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknown.body()).getString("error")).isEqualTo("unknown_account");
    }
}
