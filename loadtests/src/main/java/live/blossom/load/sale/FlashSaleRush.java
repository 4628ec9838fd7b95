package live.blossom.load.sale;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flash-sale rush: distinct buyers, each tapping Buy once, closed loop with a fixed number of
 * attempts in flight (64 by default) for a fixed time, against a sale with stock for all of them, so
 * that the success path (reserve.lua, fsync'd AOF) is what is measured. Every order id answered 201
 * is written to a file, so the run can be checked afterwards for lost orders.
 *
 * <p>System properties: sale.base, sale.id, sale.secret, sale.users (64), sale.seconds (20), sale.warmup (8),
 * sale.orders (file for the acknowledged order ids), sale.prefix (buyer id prefix).
 */
public class FlashSaleRush extends Simulation {

    private static final Queue<String> ACKNOWLEDGED = new ConcurrentLinkedQueue<>();

    private final String saleId = System.getProperty("sale.id");
    private final int users = Integer.getInteger("sale.users", 64);
    private final int seconds = Integer.getInteger("sale.seconds", 20);
    private final String prefix = System.getProperty("sale.prefix", "rush");
    private final BenchTokens tokens = new BenchTokens(System.getProperty("sale.secret"));
    private final AtomicLong buyers = new AtomicLong();

    private final Iterator<Map<String, Object>> newBuyers = new Iterator<>() {
        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Map<String, Object> next() {
            long n = buyers.incrementAndGet();
            String user = prefix + "-" + n;
            return Map.of("auth", "Bearer " + tokens.issue(user, "Buyer" + n, "viewer"), "key", user + "-k");
        }
    };

    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("sale.base"))
            .acceptHeader("application/json")
            .disableWarmUp() // Gatling's warm-up would call a host on the internet: loopback only
            .disableCaching();

    // Closed loop: a fixed number of virtual users (each one keep-alive connection), each taking
    // the next fresh buyer from the feeder as soon as its previous attempt was answered.
    private ScenarioBuilder phase(String name, String request, int phaseSeconds) {
        // exitASAP off: an attempt in flight when the phase ends is still answered and recorded
        return scenario(name).during(Duration.ofSeconds(phaseSeconds), false).on(
                feed(newBuyers)
                .exec(http(request).post("/api/sales/" + saleId + "/orders")
                        .header("Authorization", "#{auth}")
                        .header("Idempotency-Key", "#{key}")
                        .check(status().is(201), regex("\"id\":\"([a-z0-9-]+)\"").saveAs("orderId")))
                .exec(session -> {
                    if (session.contains("orderId")) {
                        ACKNOWLEDGED.add(session.getString("orderId"));
                    }
                    return session.remove("orderId");
                }));
    }

    {
        // The warm-up (both JVMs compile the hot paths) is reported as its own request, "warm-up";
        // the measured rush is the request "buy".
        int warmUp = Integer.getInteger("sale.warmup", 8);
        setUp(phase("warm-up", "warm-up", warmUp).injectOpen(atOnceUsers(users))
                .andThen(phase("flash sale rush", "buy", seconds).injectOpen(atOnceUsers(users))))
                .protocols(protocol);
    }

    @Override
    public void after() {
        String file = System.getProperty("sale.orders");
        if (file == null) {
            return;
        }
        try {
            Files.write(Path.of(file), ACKNOWLEDGED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
