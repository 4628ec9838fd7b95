package live.blossom.app.demo;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Seeds the demo world through the node's own public HTTP API, as a merchant or admin would,
 * so that the demo exercises the same paths as real users and no module is reached around.
 */
final class SeedClient {

    /** A non-2xx answer of the API. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final JsonObject body;

        Refused(String what, int status, JsonObject body) {
            super(what + " answered " + status + ": " + body.getString("message", body.encode()));
            this.status = status;
            this.body = body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SeedClient(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort;
    }

    JsonObject get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token, "GET " + path);
    }

    JsonObject post(String path, String token, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())), token, "POST " + path);
    }

    private JsonObject send(HttpRequest.Builder request, String token, String what) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonObject body = text.isBlank() ? new JsonObject()
                    : text.startsWith("[") ? new JsonObject().put("items", new io.vertx.core.json.JsonArray(text))
                    : new JsonObject(text);
            if (response.statusCode() / 100 != 2) {
                throw new Refused(what, response.statusCode(), body);
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}
