package live.blossom.sale;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.ConfigKey;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.platform.testing.TestNode;
import live.blossom.sale.payment.PaymentSignature;

/** A node with the sale engine for tests: real Redis through the launcher, HTTP on a free port, helpers. */
final class SaleNode implements AutoCloseable {

    static final String PAYMENT_SECRET = "payment-secret-for-sale-tests-0123456789";

    final Platform platform;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final PaymentSignature signature = new PaymentSignature(PAYMENT_SECRET);
    private final StatefulRedisConnection<String, String> redis;

    private SaleNode(Platform platform) {
        this.platform = platform;
        this.redis = platform.redisClient().connect();
    }

    /** A node with generous rate limits (tests of concurrency are not tests of the limiter) plus overrides. */
    static SaleNode start(Path dir, Object... overrides) {
        return start(TestNode.config(dir), overrides);
    }

    static SaleNode start(BlossomConfig base, Object... overrides) {
        BlossomConfig config = base
                .with(SaleKeys.PAYMENT_SECRET, PAYMENT_SECRET)
                .with(SaleKeys.USER_RATE, 1000)
                .with(SaleKeys.IP_RATE, 100_000)
                // Correctness tests, not latency tests: a cold JVM on a busy 2-core machine may take
                // longer than the production 300 ms, which would turn a sale into a 503.
                .with(PlatformKeys.REDIS_TIMEOUT, "3s");
        for (int i = 0; i < overrides.length; i += 2) {
            config = config.with((ConfigKey) overrides[i], overrides[i + 1]);
        }
        return new SaleNode(Platform.start(config, false, List.of(new SaleModule())));
    }

    RedisCommands<String, String> redis() {
        return redis.sync();
    }

    String token(String user, String name, Role... roles) {
        return platform.auth().tokens().issue(user, name, Set.of(roles));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** A buy request as a buyer's app sends it. */
    HttpRequest buyRequest(String sale, String token, String idemKey) {
        return request("/api/sales/" + sale + "/orders", token).header("Idempotency-Key", idemKey)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    HttpResponse<String> buy(String sale, String token) {
        return send(buyRequest(sale, token, UUID.randomUUID().toString()));
    }

    CompletableFuture<HttpResponse<String>> buyAsync(String sale, String token, String idemKey) {
        return http.sendAsync(buyRequest(sale, token, idemKey), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> pay(String orderId, String body, String signatureHeader) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri("/api/orders/" + orderId + "/payment"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signatureHeader != null) {
            builder.header(PaymentSignature.HEADER, signatureHeader);
        }
        return send(builder.build());
    }

    HttpResponse<String> paySigned(String orderId, long amountFen) {
        String body = new JsonObject().put("amountFen", amountFen).put("paymentRef", "pay-" + orderId).encode();
        return pay(orderId, body, signature.sign(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A merchant's product and a flash sale of it, open now, in room "booth-1". */
    String openSale(String merchantToken, long units, long perUserLimit, long paymentWindowSeconds) {
        String sku = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> product = post("/api/products", merchantToken, new JsonObject().put("sku", sku)
                .put("name", "Yak milk").put("description", "Fresh from the highlands").put("imageUrl", "/img/milk.jpg")
                .put("priceFen", 3000).put("stock", units).encode());
        if (product.statusCode() != 201) {
            throw new IllegalStateException("product: " + product.body());
        }
        HttpResponse<String> sale = post("/api/sales", merchantToken, new JsonObject().put("sku", sku).put("priceFen", 1990)
                .put("units", units).put("perUserLimit", perUserLimit).put("opensAt", System.currentTimeMillis() - 1000)
                .put("paymentWindowSeconds", paymentWindowSeconds).put("room", "booth-1").encode());
        if (sale.statusCode() != 201) {
            throw new IllegalStateException("sale: " + sale.body());
        }
        String id = new JsonObject(sale.body()).getString("id");
        // The opening is announced by a scheduler tick; wait for it so snapshots taken later are stable.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> redis().hexists(SaleKeyspace.meta(id), "openAnnounced"));
        return id;
    }

    JsonObject audit(String sale, String merchantToken) {
        HttpResponse<String> audit = get("/api/sales/" + sale + "/audit", merchantToken);
        if (audit.statusCode() != 200) {
            throw new IllegalStateException("audit: " + audit.body());
        }
        return new JsonObject(audit.body());
    }

    /** Everything Redis holds for a sale, to compare before and after a request that must change nothing. */
    Map<String, Object> snapshot(String sale) {
        RedisCommands<String, String> r = redis();
        Map<String, Object> all = new TreeMap<>();
        for (String key : r.keys("sale:{" + sale + "}:*")) {
            switch (r.type(key)) {
                case "string" -> all.put(key, r.get(key));
                case "hash" -> all.put(key, new TreeMap<>(r.hgetall(key)));
                case "zset" -> all.put(key, r.zrangeWithScores(key, 0, -1).stream().map(ScoredValue::toString).toList());
                case "stream" -> all.put(key, r.xrange(key, Range.unbounded()).stream().map(StreamMessage::toString).toList());
                default -> all.put(key, r.type(key));
            }
        }
        return all;
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    @Override
    public void close() {
        redis.close();
        platform.close();
    }
}
