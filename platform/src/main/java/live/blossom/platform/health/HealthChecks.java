package live.blossom.platform.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Readiness checks of the node's dependencies (Redis, Hazelcast...). {@code /health/live} says the
 * process serves HTTP; {@code /health/ready} and {@code /health} run every check and answer 503
 * with the failing ones when any fails.
 */
public final class HealthChecks {

    private final Map<String, Supplier<Future<?>>> checks = new ConcurrentHashMap<>();

    /** Registers a check: a future that succeeds when the dependency is usable. */
    public void register(String name, Supplier<Future<?>> check) {
        checks.put(name, check);
    }

    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").handler(this::ready);
        router.get("/health").handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        List<String> names = new ArrayList<>(checks.keySet());
        List<Future<?>> results = new ArrayList<>();
        for (String name : names) {
            Future<?> result;
            try {
                result = checks.get(name).get();
            } catch (RuntimeException e) {
                result = Future.failedFuture(e);
            }
            results.add(result);
        }
        Future.join(results).onComplete(done -> {
            JsonObject details = new JsonObject();
            boolean up = true;
            for (int i = 0; i < names.size(); i++) {
                Future<?> result = results.get(i);
                if (result.succeeded()) {
                    details.put(names.get(i), new JsonObject().put("status", "UP"));
                } else {
                    up = false;
                    details.put(names.get(i), new JsonObject().put("status", "DOWN")
                            .put("message", String.valueOf(result.cause().getMessage())));
                }
            }
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details).encode());
        });
    }
}
