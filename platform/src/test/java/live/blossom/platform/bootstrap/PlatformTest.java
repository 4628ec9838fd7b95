package live.blossom.platform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.JsonRequest;
import live.blossom.platform.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

    @TempDir
    static Path dataDir;

    static Platform platform;
    static HttpClient http = HttpClient.newHttpClient();

    /** A module with one merchant-only endpoint, to exercise the shared error, auth and body handling. */
    static final class EchoModule implements BlossomModule {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public void start(PlatformContext ctx) {
            ctx.router().post("/api/echo").handler(ctx.auth().roles(Role.MERCHANT)).handler(rc -> {
                JsonRequest body = JsonRequest.of(rc);
                String title = body.text("title", 20);
                long units = body.number("units", 1, 1000);
                rc.json(new JsonObject().put("title", title).put("units", units)
                        .put("by", Principal.of(rc).userId()));
            });
        }
    }

    @BeforeAll
    static void start() {
        platform = Platform.start(TestNode.config(dataDir), false, List.of(new EchoModule()));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String token(Role... roles) {
        return platform.auth().tokens().issue("u-1", "Dawa", Set.of(roles));
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    @Test
    @DisplayName("a merchant's valid request is served with the caller's identity")
    void servesValidRequest() throws Exception {
        HttpResponse<String> response = post("/api/echo", token(Role.MERCHANT), "{\"title\":\"yak milk\",\"units\":3}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(new JsonObject().put("title", "yak milk").put("units", 3).put("by", "u-1"));
    }

    @Test
    @DisplayName("no token, a forged token and the wrong role get 401, 401 and 403 as JSON")
    void authErrors() throws Exception {
        HttpResponse<String> none = post("/api/echo", null, "{}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).getString("error")).isEqualTo("unauthorized");

        String forged = token(Role.MERCHANT);
        forged = forged.substring(0, forged.length() - 3) + (forged.endsWith("AAA") ? "BBB" : "AAA");
        HttpResponse<String> bad = post("/api/echo", forged, "{}");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).getString("message")).contains("invalid or expired");

        HttpResponse<String> viewer = post("/api/echo", token(Role.VIEWER), "{}");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(json(viewer).getString("error")).isEqualTo("forbidden");
    }

    @Test
    @DisplayName("malformed JSON, wrong types, missing fields and oversize bodies each get a clear JSON error")
    void inputErrors() throws Exception {
        String merchant = token(Role.MERCHANT);
        HttpResponse<String> malformed = post("/api/echo", merchant, "{\"title\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).getString("error")).isEqualTo("malformed_json");

        HttpResponse<String> wrongType = post("/api/echo", merchant, "{\"title\":\"tea\",\"units\":\"many\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).getString("message")).isEqualTo("Field 'units' must be a whole number.");

        HttpResponse<String> missing = post("/api/echo", merchant, "{\"units\":2}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).getString("error")).isEqualTo("missing_field");

        HttpResponse<String> tooLong = post("/api/echo", merchant, "{\"title\":\"" + "x".repeat(21) + "\",\"units\":2}");
        assertThat(tooLong.statusCode()).isEqualTo(400);

        HttpResponse<String> huge = post("/api/echo", merchant, "{\"title\":\"" + "x".repeat(40_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).getString("error")).isEqualTo("payload_too_large");
    }

    @Test
    @DisplayName("an unknown path is a JSON 404")
    void unknownPath() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).getString("error")).isEqualTo("not_found");
    }

    @Test
    @DisplayName("health reports Redis and Hazelcast up; metrics are in Prometheus format")
    void healthAndMetrics() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).getJsonObject("checks").fieldNames()).contains("redis", "hazelcast");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
}
