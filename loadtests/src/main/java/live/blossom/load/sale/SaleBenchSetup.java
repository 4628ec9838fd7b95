package live.blossom.load.sale;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets up the benchmark's sales through the HTTP API: a rush sale with stock for the whole run,
 * a sale that is sold out (the sold-out phase), and a sale for the redis-benchmark ceiling.
 * Args: BASE_URL JWT_SECRET OUT_FILE.
 */
public final class SaleBenchSetup {

    private SaleBenchSetup() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        BenchTokens tokens = new BenchTokens(args[1]);
        String merchant = tokens.issue("bench-merchant", "Bench Merchant", "merchant");
        HttpClient http = HttpClient.newHttpClient();
        post(http, base + "/api/products", merchant, new JsonObject().put("sku", "bench-yak-milk").put("name", "Yak milk")
                .put("priceFen", 3000).put("stock", 1_000_000_000L).put("imageUrl", "/img/yak-milk.jpg"), 201);
        String rush = sale(http, base, merchant, 50_000_000);
        String soldOut = sale(http, base, merchant, 1);
        String ceiling = sale(http, base, merchant, 50_000_000);
        String lastBuyer = tokens.issue("bench-first", "First Buyer", "viewer");
        post(http, base + "/api/sales/" + soldOut + "/orders", lastBuyer, null, 201);
        String lateBuyer = tokens.issue("bench-late", "Late Buyer", "viewer");
        post(http, base + "/api/sales/" + soldOut + "/orders", lateBuyer, null, 409);
        Files.writeString(Path.of(args[2]), "RUSH_SALE=" + rush + "\nSOLDOUT_SALE=" + soldOut + "\nCEILING_SALE=" + ceiling
                + "\nMERCHANT_TOKEN=" + merchant + "\nLATE_TOKEN=" + lateBuyer + "\n");
    }

    private static String sale(HttpClient http, String base, String merchant, long units) throws Exception {
        JsonObject sale = post(http, base + "/api/sales", merchant, new JsonObject().put("sku", "bench-yak-milk")
                .put("priceFen", 1990).put("units", units).put("perUserLimit", 1).put("room", "bench-booth")
                .put("opensAt", System.currentTimeMillis() - 1000), 201);
        return sale.getString("id");
    }

    private static JsonObject post(HttpClient http, String url, String token, JsonObject body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "setup-" + System.nanoTime())
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }
}
