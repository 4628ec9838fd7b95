package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class OpenApiTest {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");

    @TempDir
    static Path dir;
    static BookingNode node;

    @BeforeAll
    static void start() {
        node = BookingNode.start(dir, Instant.parse("2025-03-01T00:00:00Z"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** "POST /api/studios/{id}/bookings" for every method route under /api/ that the router serves. */
    private static Set<String> routed() {
        Set<String> routes = new TreeSet<>();
        for (Route route : node.platform.router().getRoutes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || route.methods() == null) {
                continue;
            }
            String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                routes.add(method.name() + " " + openApiPath);
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documented() throws Exception {
        try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi/booking.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            assertThat(doc.get("openapi")).asString().startsWith("3.");
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
            Set<String> operations = new TreeSet<>();
            paths.forEach((path, item) -> item.keySet().stream().filter(VERBS::contains)
                    .forEach(verb -> operations.add(verb.toUpperCase(Locale.ROOT) + " " + path)));
            return operations;
        }
    }

    @Test
    @DisplayName("every booking route is in the OpenAPI document and every documented operation is routed")
    void documentMatchesRouter() throws Exception {
        Set<String> routed = routed();
        assertThat(routed).contains("POST /api/studios/{id}/bookings", "GET /api/calendar/{token}.ics");
        assertThat(documented()).isEqualTo(routed);
    }
}
