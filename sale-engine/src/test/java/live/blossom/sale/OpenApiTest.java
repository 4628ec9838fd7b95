package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    static SaleNode node;

    @BeforeAll
    static void start() {
        node = SaleNode.start(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("every sale route is in the OpenAPI document and every documented operation is routed")
    void documentMatchesRouter() throws Exception {
        Set<String> routed = OpenApiRoutes.routed(node.platform.router());
        assertThat(routed).contains("POST /api/sales/{id}/orders", "POST /api/orders/{id}/payment");
        assertThat(OpenApiRoutes.documented("/openapi/sale.yaml")).isEqualTo(routed);
    }
}
