package live.blossom.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import live.blossom.edge.EdgeKeys;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.testing.TestNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeNodeTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a serve node runs every plane and the pages, but has no demo sign-in or demo payment")
    void noDemoEndpoints() throws Exception {
        try (Platform node = Platform.start(TestNode.config(dataDir).with(EdgeKeys.RTMP_PORT, 0), false,
                NodeModules.forRoles(NodeModules.ROLES))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + node.httpPort();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dev/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"admin\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(login.body()).getString("error")).isEqualTo("not_found");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
