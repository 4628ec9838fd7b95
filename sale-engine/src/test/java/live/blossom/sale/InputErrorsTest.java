package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import live.blossom.platform.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InputErrorsTest {

    @TempDir
    static Path dir;
    static SaleNode node;
    static String merchant;
    static String sale;

    @BeforeAll
    static void start() {
        node = SaleNode.start(dir, SaleKeys.USER_RATE, 5, SaleKeys.IP_RATE, 20);
        merchant = node.token("m-4", "Careful Merchant", Role.MERCHANT);
        sale = node.openSale(merchant, 10, 1, 600);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private HttpResponse<String> buyWithBody(String token, String idemKey, String body) {
        HttpRequest.Builder request = node.request("/api/sales/" + sale + "/orders", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idemKey != null) {
            request.header("Idempotency-Key", idemKey);
        }
        return node.send(request.build());
    }

    private static int viewers;

    /** A viewer of their own per request, so the per-user rate stays out of these checks. */
    private static String fresh() {
        viewers++;
        return node.token("v-fresh-" + viewers, "Viewer", Role.VIEWER);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonObject error = SaleNode.json(response);
        assertThat(error.getString("error")).isEqualTo(code);
        assertThat(error.getString("message")).isNotBlank();
    }

    @Test
    @Order(1)
    @DisplayName("malformed JSON, wrong types, missing headers and oversize bodies are refused with clear JSON errors and change nothing")
    void badBuyRequests() {
        Map<String, Object> before = node.snapshot(sale);
        assertError(buyWithBody(fresh(), "k1", "{\"units\":"), 400, "malformed_json");
        assertError(buyWithBody(fresh(), "k2", "[1,2]"), 400, "malformed_json");
        assertError(buyWithBody(fresh(), "k3", "{\"units\":\"two\"}"), 400, "invalid_field");
        assertError(buyWithBody(fresh(), "k4", "{\"units\":0}"), 400, "invalid_field");
        assertError(buyWithBody(fresh(), null, "{\"units\":1}"), 400, "missing_idempotency_key");
        assertError(buyWithBody(fresh(), "bad key with spaces", "{}"), 400, "missing_idempotency_key");
        assertError(buyWithBody(fresh(), "k5", "{\"units\":1,\"note\":\"" + "x".repeat(40_000) + "\"}"), 413, "payload_too_large");
        assertThat(node.snapshot(sale)).isEqualTo(before);
    }

    @Test
    @Order(2)
    @DisplayName("a missing or forged token gets 401 and the wrong role 403, as JSON, and nothing changes")
    void authErrors() {
        Map<String, Object> before = node.snapshot(sale);
        assertError(buyWithBody(null, "k1", "{}"), 401, "unauthorized");
        String forged = node.token("v-2", "Viewer", Role.VIEWER);
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertError(buyWithBody(forged, "k2", "{}"), 401, "unauthorized");
        assertError(buyWithBody(merchant, "k3", "{}"), 403, "forbidden");

        String viewer = node.token("v-3", "Viewer", Role.VIEWER);
        assertError(node.post("/api/sales/" + sale + "/close", viewer, ""), 403, "forbidden");
        assertError(node.get("/api/sales/" + sale + "/audit", viewer), 403, "forbidden");
        assertError(node.get("/api/sales/" + sale + "/orders", null), 401, "unauthorized");
        assertError(node.post("/api/sales", viewer, "{}"), 403, "forbidden");
        assertThat(node.snapshot(sale)).isEqualTo(before);
    }

    @Test
    @Order(3)
    @DisplayName("setting up a sale with missing or wrong fields is refused and takes no stock from the product")
    void badSaleSetup() {
        node.post("/api/products", merchant, new JsonObject().put("sku", "plums-1").put("name", "Plums")
                .put("priceFen", 1200).put("stock", 40).encode());
        assertError(node.post("/api/sales", merchant, "{\"sku\":\"plums-1\"}"), 400, "missing_field");
        assertError(node.post("/api/sales", merchant, new JsonObject().put("sku", "plums-1").put("priceFen", "cheap")
                .put("units", 5).put("room", "booth-1").encode()), 400, "invalid_field");
        assertError(node.post("/api/sales", merchant, new JsonObject().put("sku", "plums-1").put("priceFen", 900)
                .put("units", 5).put("room", "Not A Room!").encode()), 400, "invalid_field");
        assertError(node.post("/api/sales", merchant, new JsonObject().put("sku", "plums-1").put("priceFen", 900)
                .put("units", 41).put("room", "booth-1").encode()), 422, "stock_short");
        String other = node.token("m-5", "Other Merchant", Role.MERCHANT);
        assertError(node.post("/api/sales", other, new JsonObject().put("sku", "plums-1").put("priceFen", 900)
                .put("units", 5).put("room", "booth-1").encode()), 403, "forbidden");
        assertThat(SaleNode.json(node.get("/api/products/plums-1", null)).getLong("stock")).isEqualTo(40);
        assertError(node.post("/api/products", merchant, "{\"sku\":\"plums-1\",\"name\":\"Again\",\"priceFen\":1,\"stock\":1}"),
                409, "sku_taken");
    }

    @Test
    @Order(4)
    @DisplayName("a user tapping faster than their rate gets 429 with Retry-After")
    void userRateLimit() {
        String viewer = node.token("tapper", "Tapper", Role.VIEWER);
        List<CompletableFuture<HttpResponse<String>>> taps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            taps.add(node.buyAsync(sale, viewer, "tap-" + i));
        }
        List<HttpResponse<String>> limited = taps.stream().map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertError(limited.get(0), 429, "rate_limited");
        assertThat(limited.get(0).headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(5)
    @DisplayName("one address sending more than its rate gets 429 with Retry-After, whoever the users are")
    void addressRateLimit() {
        String big = node.openSale(merchant, 1000, 1, 600); // stock for all: a sold-out sale answers before any limit
        List<String> crowd = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            crowd.add(node.token("crowd-" + i, "Crowd", Role.VIEWER));
        }
        List<CompletableFuture<HttpResponse<String>>> taps = new ArrayList<>();
        for (int i = 0; i < crowd.size(); i++) {
            taps.add(node.buyAsync(big, crowd.get(i), "c-" + i));
        }
        List<HttpResponse<String>> limited = taps.stream().map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited.get(0).headers().firstValue("Retry-After")).isPresent();
        assertThat(node.audit(big, merchant).getBoolean("holds")).isTrue();
    }
}
