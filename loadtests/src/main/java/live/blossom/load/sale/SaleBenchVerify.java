package live.blossom.load.sale;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import live.blossom.sale.SaleKeyspace;

/**
 * After the run: is anything oversold (the audit of each sale), is any order the clients were told
 * about (201) missing from Redis or reported twice? Prints {@code oversold=N lost=N duplicates=N}.
 * Args: BASE_URL REDIS_PORT MERCHANT_TOKEN ORDERS_FILE SALE...
 */
public final class SaleBenchVerify {

    private SaleBenchVerify() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String merchant = args[2];
        HttpClient http = HttpClient.newHttpClient();
        long oversold = 0;
        for (int i = 4; i < args.length; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sales/" + args[i] + "/audit"))
                    .header("Authorization", "Bearer " + merchant).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject audit = new JsonObject(response.body());
            long offered = audit.getLong("offered");
            long left = audit.getLong("left");
            long held = audit.getLong("unitsHeld");
            oversold += Math.max(0, held - (offered - left)) + Math.max(0, -left);
            System.out.println("audit sale=" + args[i] + " offered=" + offered + " left=" + left + " held=" + held
                    + " buyerUnits=" + audit.getLong("buyerUnits") + " holds=" + audit.getBoolean("holds")
                    + " settled=" + audit.getBoolean("settled"));
        }

        List<String> acknowledged = Files.readAllLines(Path.of(args[3]));
        Set<String> unique = new HashSet<>(acknowledged);
        long duplicates = acknowledged.size() - unique.size();
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + args[1]);
        long lost = 0;
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> redis = connection.async();
            List<RedisFuture<String>> states = new ArrayList<>();
            for (String order : unique) {
                String sale = order.substring(0, order.indexOf('-'));
                states.add(redis.hget(SaleKeyspace.order(sale, order), "state"));
            }
            for (RedisFuture<String> state : states) {
                String s = state.get(30, TimeUnit.SECONDS);
                if (!"reserved".equals(s) && !"paid".equals(s)) {
                    lost++;
                }
            }
        } finally {
            client.shutdown();
        }
        System.out.println("acknowledged=" + acknowledged.size() + " oversold=" + oversold + " lost=" + lost
                + " duplicates=" + duplicates);
    }
}
