package live.blossom.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import live.blossom.platform.auth.Role;
import live.blossom.platform.redis.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisCrashTest {

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
    @DisplayName("kill -9 of Redis while buyers buy: after the restart every order a buyer got 201 for is there, none twice, the audit holds")
    void acknowledgedOrdersSurviveKill() throws Exception {
        String merchant = node.token("m-3", "Crash Farm", Role.MERCHANT);
        String sale = node.openSale(merchant, 100_000, 1, 600);
        RedisServerProcess redis = (RedisServerProcess) node.platform.redis();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger buyerSeq = new AtomicInteger();
        AtomicBoolean buying = new AtomicBoolean(true);
        ExecutorService buyers = Executors.newFixedThreadPool(16);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            loops.add(buyers.submit(() -> {
                while (buying.get()) {
                    int n = buyerSeq.incrementAndGet();
                    String token = node.token("crash-buyer-" + n, "Buyer " + n, Role.VIEWER);
                    // a buyer whose attempt fails retries with the same key, as the app does
                    for (int attempt = 0; attempt < 50 && buying.get(); attempt++) {
                        HttpResponse<String> response = node.send(node.buyRequest(sale, token, "key-" + n));
                        if (response.statusCode() == 201) {
                            acknowledged.add(SaleNode.json(response).getString("id"));
                            break;
                        }
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                        unavailable.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);
        redis.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> unavailable.get() > 0);
        redis.restart();
        int atRestart = acknowledged.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= atRestart + 200);
        buying.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        buyers.shutdown();

        Set<String> stored = new HashSet<>();
        String after = null;
        int duplicates = 0;
        do {
            JsonObject page = SaleNode.json(node.get("/api/sales/" + sale + "/orders?limit=500"
                    + (after == null ? "" : "&after=" + after), merchant));
            for (Object o : page.getJsonArray("orders")) {
                if (!stored.add(((JsonObject) o).getString("id"))) {
                    duplicates++;
                }
            }
            after = page.getString("next");
        } while (after != null);
        assertThat(stored).containsAll(acknowledged);
        assertThat(duplicates).isZero();
        // one order per buyer: the idempotency key made every retry land on the same order
        Set<String> owners = new HashSet<>(node.redis().hkeys(SaleKeyspace.buyers(sale)));
        assertThat(owners).hasSize(stored.size());
        JsonObject audit = node.audit(sale, merchant);
        assertThat(audit.getBoolean("holds")).isTrue();
        assertThat(audit.getLong("unitsHeld")).isEqualTo(stored.size());
    }
}
