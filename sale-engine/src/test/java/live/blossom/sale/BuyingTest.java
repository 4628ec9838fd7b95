package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import live.blossom.platform.auth.Role;
import live.blossom.platform.redis.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuyingTest {

    @TempDir
    static Path dir;
    static SaleNode node;
    static String merchant;

    @BeforeAll
    static void start() {
        node = SaleNode.start(dir);
        merchant = node.token("m-1", "Tashi Farm", Role.MERCHANT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("500 distinct buyers at once on 100 units: exactly 100 are sold, the rest hear sold out, the audit holds")
    void rushSellsExactlyTheStock() {
        String sale = node.openSale(merchant, 100, 1, 600);
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            attempts.add(node.buyAsync(sale, node.token("buyer-" + i, "Buyer " + i, Role.VIEWER), "k-" + i));
        }
        int created = 0;
        int soldOut = 0;
        for (CompletableFuture<HttpResponse<String>> attempt : attempts) {
            HttpResponse<String> response = attempt.join();
            if (response.statusCode() == 201) {
                created++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(SaleNode.json(response).getString("error")).isEqualTo("sold_out");
                soldOut++;
            }
        }
        assertThat(created).isEqualTo(100);
        assertThat(soldOut).isEqualTo(400);
        JsonObject audit = node.audit(sale, merchant);
        assertThat(audit.getBoolean("holds")).isTrue();
        assertThat(audit.getLong("left")).isZero();
        assertThat(audit.getLong("unitsReserved")).isEqualTo(100);
        assertThat(SaleNode.json(node.get("/api/sales/" + sale, null)).getLong("left")).isZero();
    }

    @Test
    @DisplayName("one buyer sending 20 requests at once with a limit of 1 gets exactly one order")
    void oneBuyerOneOrder() {
        String sale = node.openSale(merchant, 50, 1, 600);
        String buyer = node.token("greedy", "Greedy Gesang", Role.VIEWER);
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(node.buyAsync(sale, buyer, "tap-" + i));
        }
        long created = attempts.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 201).count();
        long limited = attempts.stream().map(CompletableFuture::join)
                .filter(r -> r.statusCode() == 422 && SaleNode.json(r).getString("error").equals("limit_reached")).count();
        assertThat(created).isEqualTo(1);
        assertThat(limited).isEqualTo(19);
        JsonObject audit = node.audit(sale, merchant);
        assertThat(audit.getLong("left")).isEqualTo(49);
        assertThat(audit.getBoolean("holds")).isTrue();
    }

    @Test
    @DisplayName("a retried idempotency key returns the same order and changes nothing in Redis")
    void retriedKeyReturnsSameOrder() {
        String sale = node.openSale(merchant, 10, 2, 600);
        String buyer = node.token("retry", "Retrying Rinchen", Role.VIEWER);
        HttpResponse<String> first = node.send(node.buyRequest(sale, buyer, "same-key"));
        assertThat(first.statusCode()).isEqualTo(201);
        Map<String, Object> before = node.snapshot(sale);
        HttpResponse<String> again = node.send(node.buyRequest(sale, buyer, "same-key"));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(SaleNode.json(again).getString("id")).isEqualTo(SaleNode.json(first).getString("id"));
        assertThat(again.headers().firstValue("Idempotent-Replay")).contains("true");
        assertThat(node.snapshot(sale)).isEqualTo(before);
        assertThat(SaleNode.json(node.get("/api/sales/" + sale, null)).getLong("left")).isEqualTo(9);
    }

    @Test
    @DisplayName("once sold out, the node answers 409 from memory: even with Redis killed, and 503 with Retry-After where Redis is needed")
    void soldOutFromMemory() {
        String sale = node.openSale(merchant, 1, 1, 600);
        String other = node.openSale(merchant, 5, 1, 600);
        assertThat(node.buy(sale, node.token("first", "First", Role.VIEWER)).statusCode()).isEqualTo(201);
        RedisServerProcess redis = (RedisServerProcess) node.platform.redis();
        redis.kill();
        try {
            HttpResponse<String> late = node.buy(sale, node.token("second", "Second", Role.VIEWER));
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(SaleNode.json(late).getString("error")).isEqualTo("sold_out");
            HttpResponse<String> needsRedis = node.buy(other, node.token("third", "Third", Role.VIEWER));
            assertThat(needsRedis.statusCode()).isEqualTo(503);
            assertThat(needsRedis.headers().firstValue("Retry-After")).isPresent();
            assertThat(SaleNode.json(needsRedis).getString("error")).startsWith("store_");
        } finally {
            redis.restart();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                node.buy(other, node.token("fourth", "Fourth", Role.VIEWER)).statusCode() == 201);
    }

    @Test
    @DisplayName("sold-out answers given before the body is read leave the connection usable for the next request")
    void soldOutWithBodyKeepsConnection() {
        String sale = node.openSale(merchant, 1, 1, 600);
        assertThat(node.buy(sale, node.token("only", "Only", Role.VIEWER)).statusCode()).isEqualTo(201);
        String late = node.token("body-late", "Late", Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            java.net.http.HttpRequest request = node.request("/api/sales/" + sale + "/orders", late)
                    .header("Idempotency-Key", "body-" + i).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"units\":1,\"note\":\"" + "x".repeat(2000) + "\"}"))
                    .build();
            HttpResponse<String> response = node.send(request);
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(SaleNode.json(response).getString("error")).isEqualTo("sold_out");
        }
        assertThat(node.get("/api/sales/" + sale, null).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a sale before its opening time answers not_open, a closed one answers closed")
    void windowIsEnforced() {
        String sku = "win-" + System.nanoTime();
        node.post("/api/products", merchant, new JsonObject().put("sku", sku).put("name", "Honey").put("priceFen", 5000)
                .put("stock", 20).encode());
        HttpResponse<String> created = node.post("/api/sales", merchant, new JsonObject().put("sku", sku)
                .put("priceFen", 3900).put("units", 10).put("room", "booth-2")
                .put("opensAt", System.currentTimeMillis() + 3_600_000).encode());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject sale = SaleNode.json(created);
        assertThat(sale.getString("state")).isEqualTo("scheduled");
        assertThat(sale.getLong("serverTime")).isPositive();
        String id = sale.getString("id");
        String buyer = node.token("early", "Early", Role.VIEWER);
        HttpResponse<String> early = node.buy(id, buyer);
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(SaleNode.json(early).getString("error")).isEqualTo("not_open");

        String host = node.token("h-1", "Host Lhamo", Role.HOST);
        HttpResponse<String> opened = node.post("/api/sales/" + id + "/open", host, "");
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(SaleNode.json(opened).getString("state")).isEqualTo("open");
        assertThat(node.buy(id, buyer).statusCode()).isEqualTo(201);

        HttpResponse<String> closed = node.post("/api/sales/" + id + "/close", host, "");
        assertThat(SaleNode.json(closed).getString("state")).isEqualTo("closed");
        HttpResponse<String> late = node.buy(id, node.token("late", "Late", Role.VIEWER));
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(SaleNode.json(late).getString("error")).isEqualTo("closed");
        assertThat(SaleNode.json(node.get("/api/sales/" + id, null)).getLong("left")).isEqualTo(9);
    }
}
