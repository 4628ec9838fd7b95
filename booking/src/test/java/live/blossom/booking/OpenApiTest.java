package live.blossom.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import live.blossom.platform.testing.OpenApiRoutes;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {

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

    @Test
    @DisplayName("every booking route is in the OpenAPI document and every documented operation is routed")
    void documentMatchesRouter() throws Exception {
        Set<String> routed = OpenApiRoutes.routed(node.platform.router());
        assertThat(routed).contains("POST /api/studios/{id}/bookings", "GET /api/calendar/{token}.ics");
        assertThat(OpenApiRoutes.documented("/openapi/booking.yaml")).isEqualTo(routed);
    }
}
